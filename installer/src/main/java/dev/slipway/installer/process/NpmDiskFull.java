package dev.slipway.installer.process;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a failed {@code npm ci} ran out of disk space (issue #20). npm reports ENOSPC while it
 * extracts a package as a warning ({@code npm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on
 * device, write}) and exits 1; but when the release's disk is the full one, that line is lost with
 * the rest of npm-ci.log (0 bytes), which lives on the same disk. So three signs are read, in this
 * order: the ENOSPC line in npm-ci.log, the same line in npm's own debug log ({@code CACHE/_logs},
 * often on another disk), and the free space left where the release and the cache are.
 */
final class NpmDiskFull {
  /** Less than this free after npm failed: the disk is what stopped it (npm never needs so little). */
  static final long NEARLY_FULL_BYTES = 1024 * 1024;

  private static final int READ_BYTES = 256 * 1024;
  private static final int MAX_DEBUG_LOGS = 5;

  private NpmDiskFull() {}

  /** The evidence that npm ran out of space, when there is any. */
  static Optional<String> evidence(Path release, Path cacheDir, Path log, long logStart, Instant started) {
    Optional<String> line = noSpaceLine(log, logStart);
    if (line.isEmpty()) {
      line = debugLogs(cacheDir, started).stream().map(f -> noSpaceLine(f, 0)).flatMap(Optional::stream).findFirst();
    }
    Optional<String> space = nearlyFull(release).or(() -> nearlyFull(cacheDir));
    if (line.isEmpty() && space.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join("\n", Stream.of(line, space).flatMap(Optional::stream).toList()));
  }

  /** The failure to report: DISK_FULL (exit 30), naming where npm ran. */
  static SlipwayException failure(Path release, Path log, String evidence) {
    return new SlipwayException(FailureKind.DISK_FULL, "DISK_FULL",
        "npm ci --omit=dev ran out of disk space (no space left on the device) while installing the release's"
            + " dependencies into " + release + "; see " + log + " (npm's output may be lost with it)",
        evidence,
        "free disk space on the device that holds the root (`installer list --root ROOT` shows the releases;"
            + " --keep keeps fewer) and the npm cache, or give it more space, then install again");
  }

  private static Optional<String> noSpaceLine(Path file, long from) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(Math.min(from, Files.size(file)));
      String text = new String(in.readNBytes(READ_BYTES), StandardCharsets.UTF_8);
      return text.lines()
          .filter(l -> l.contains("ENOSPC") || l.toLowerCase(Locale.ROOT).contains("no space left on device"))
          .map(String::strip).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** npm's debug logs written since {@code started}, newest first (npm names them by time). */
  private static List<Path> debugLogs(Path cacheDir, Instant started) {
    Path dir = cacheDir.resolve("_logs");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log") && modifiedSince(f, started))
          .sorted(java.util.Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
          .limit(MAX_DEBUG_LOGS).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean modifiedSince(Path file, Instant started) {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isBefore(started.minusSeconds(1));
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<String> nearlyFull(Path dir) {
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      return free < NEARLY_FULL_BYTES
          ? Optional.of(free + " bytes free on the file system that holds " + dir)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
