package dev.slipway.packager;
import dev.slipway.format.Reporter;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * {@code --build}: what every recovery starts with (the troubleshooting guide's "rm -rf .next;
 * npm ci; npm run build"), so that a stale or partial .next can never be packaged.
 */
final class CleanBuild {
  private static final long STEP_TIMEOUT_MINUTES = 30;

  private CleanBuild() {}

  static void run(Path projectDir, String npm, Reporter reporter, OutputStream log) throws IOException {
    reporter.step("removing .next");
    deleteTree(projectDir.resolve(".next"));
    reporter.step("npm ci");
    run(projectDir, List.of(npm, "ci", "--no-audit", "--no-fund"), log, "", "BUILD_FAILED", "BUILD_TIMEOUT");
    reporter.step("npm run build");
    run(projectDir, List.of(npm, "run", "build"), log, "", "BUILD_FAILED", "BUILD_TIMEOUT");
  }

  /**
   * Runs one build step in {@code dir}, its output to {@code log}; a failure or a timeout is a
   * BUILD_FAILED refusal with the given cause code, its message starting with {@code context}
   * (the option that asked for the step), and the output's tail as evidence.
   */
  static void run(Path dir, List<String> command, OutputStream log, String context, String failedCode, String timeoutCode)
      throws IOException {
    ProcessResult result;
    try {
      result =
          new ProcessExecutor()
              .command(command)
              .directory(dir.toFile())
              .environment("NEXT_TELEMETRY_DISABLED", "1")
              // npm and next print their errors on stderr: merged, so the evidence's tail has them.
              .redirectErrorStream(true)
              .redirectOutput(log)
              .readOutput(true)
              .timeout(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES)
              .destroyOnExit()
              .execute();
    } catch (TimeoutException e) {
      throw new SlipwayException(
          FailureKind.BUILD_FAILED, timeoutCode, context + "`" + String.join(" ", command) + "` did not finish in "
              + STEP_TIMEOUT_MINUTES + " minutes", null, "run it by hand in " + dir + " to see where it hangs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (result.getExitValue() != 0) {
      String output = result.outputUTF8();
      throw new SlipwayException(
          FailureKind.BUILD_FAILED,
          failedCode,
          context + "`" + String.join(" ", command) + "` failed with exit code " + result.getExitValue(),
          tail(output, 15),
          "fix the error above; it happens the same way with `" + String.join(" ", command) + "` run by hand");
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Deletes without following links: a link inside .next must not take files outside with it. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
