package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a launcher or tool as a user would start it: a fresh process with exactly the
 * environment given (nothing inherited, so no JAVA_HOME and no PATH unless the test names them).
 *
 * @param exitCode the process's exit code
 * @param stdout everything it printed on stdout
 * @param stderr everything it printed on stderr
 */
record Command(int exitCode, String stdout, String stderr) {
  /** npm ci's run may take minutes on a cold cache; everything else takes seconds. */
  static final long TIMEOUT_MINUTES = 10;

  static Command run(Path scratch, Map<String, String> env, Path workingDir, List<String> command) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path out = Files.createTempFile(scratch, "stdout-", ".txt");
    Path err = Files.createTempFile(scratch, "stderr-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + TIMEOUT_MINUTES + " min; stderr:\n" + Files.readString(err));
    }
    return new Command(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Asserts exit 0, quoting both streams otherwise; returns this run. */
  Command succeeded() {
    assertThat(exitCode).as("exit code; stdout:\n%s\nstderr:\n%s", stdout, stderr).isZero();
    return this;
  }

  /** The last line of stdout (where packager package prints the archive's path). */
  String lastLine() {
    List<String> lines = stdout.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
