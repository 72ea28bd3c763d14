package dev.slipway.packager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a shaded jar as a real process, as CI and operators do, and keeps what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {
  static CliRun of(Path jar, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Path packagerJar() {
    return dev.slipway.testkit.ExampleApp.repoRoot().resolve("packager/target/slipway-packager.jar");
  }

  String firstStderrLine() {
    return stderr.lines().filter(l -> !l.startsWith("==> ") && !l.startsWith("warning: ") && !l.contains("SLF4J")).findFirst().orElse("");
  }

  String lastStdoutLine() {
    List<String> lines = stdout.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
