package dev.slipway.installer.doctor;

import dev.slipway.installer.process.ProcessSpec;
import dev.slipway.installer.process.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs a short command ({@code npm ls}) in a given folder to completion, with a timeout that stops
 * its whole tree, and keeps only the output lines the caller asks for. Unlike {@code
 * CapturedCommand}, whose 64 KiB of output would be filled by {@code npm ls --all}'s tree before
 * npm prints its errors, the whole output is scanned (streamed from a private temporary file,
 * deleted afterwards).
 */
final class ShortCommand {
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /**
   * @param exitCode empty when the command timed out and was stopped
   * @param kept the lines {@code keep} accepted, at most as many as asked for
   * @param keptTotal how many lines {@code keep} accepted in all
   */
  record Output(Optional<Integer> exitCode, List<String> kept, int keptTotal) {}

  private ShortCommand() {}

  /**
   * @throws IOException if the program cannot be started
   * @throws InterruptedException if interrupted; the command has been stopped
   */
  static Output run(List<String> command, Path workingDir, Map<String, String> env, Duration timeout,
      Predicate<String> keep, int maxKept) throws IOException, InterruptedException {
    Path out = Files.createTempFile("slipway-doctor", ".log");
    try {
      Optional<Integer> exit;
      try (ProcessTree tree = ProcessTree.start(new ProcessSpec(command, workingDir, env, out))) {
        boolean finished = tree.waitFor(timeout);
        tree.stopTree(STOP_GRACE);
        exit = finished ? tree.exitCode() : Optional.empty();
      }
      List<String> kept = new ArrayList<>();
      int total = 0;
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      try (BufferedReader lines = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(out), decoder))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (keep.test(line)) {
            total++;
            if (kept.size() < maxKept) {
              kept.add(line.length() > 300 ? line.substring(0, 300) + "…" : line);
            }
          }
        }
      }
      return new Output(exit, kept, total);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
