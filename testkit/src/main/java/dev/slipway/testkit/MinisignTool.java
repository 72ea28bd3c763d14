package dev.slipway.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code minisign} (issue #22: interoperability is tested with the tool users have). It
 * is required, not optional: {@code .ci/run} installs it when missing, so a test that needs it
 * fails loudly instead of skipping and hiding a broken install step.
 */
public final class MinisignTool {
  /** What one run printed. */
  public record Run(int exitCode, String output) {}

  private MinisignTool() {}

  /** Runs {@code minisign ARGS} in {@code dir}, feeding {@code stdin} (a password) when not null. */
  public static Run run(Path dir, String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("minisign", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("minisign did not finish within 2 minutes: " + command);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** An unencrypted key pair ({@code minisign -G -W}): {@code NAME.key} and {@code NAME.pub} in {@code dir}. */
  public static void generate(Path dir, String name) throws IOException, InterruptedException {
    Run run = run(dir, null, "-G", "-W", "-s", name + ".key", "-p", name + ".pub");
    if (run.exitCode() != 0) {
      throw new AssertionError("minisign -G failed: " + run.output());
    }
  }

  private static String binary() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder.isEmpty() ? "." : folder, "minisign");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError("minisign is not installed, and the signature tests need the real tool: "
        + ".ci/run installs it when missing (apt-get install minisign)");
  }
}
