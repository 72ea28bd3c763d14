package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

/**
 * {@code --build}: what every recovery starts with (the troubleshooting guide's "rm -rf .next;
 * npm ci; npm run build"), so that a stale or partial .next can never be packaged.
 */
final class CleanBuild {
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

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
    BuildStep.Outcome outcome = BuildStep.run(dir, command, log, STEP_TIMEOUT);
    if (outcome.exitCode().isEmpty()) {
      throw new SlipwayException(
          FailureKind.BUILD_FAILED, timeoutCode, context + "`" + String.join(" ", command) + "` did not finish in "
              + STEP_TIMEOUT.toMinutes() + " minutes", outcome.tail(),
          "run it by hand in " + dir + " to see where it hangs");
    }
    if (outcome.exitCode().get() != 0) {
      throw new SlipwayException(
          FailureKind.BUILD_FAILED,
          failedCode,
          context + "`" + String.join(" ", command) + "` failed with exit code " + outcome.exitCode().get(),
          outcome.tail(),
          "fix the error above; it happens the same way with `" + String.join(" ", command) + "` run by hand");
    }
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
