package dev.slipway.format;

import java.util.Objects;

/**
 * One regular file of a release as the manifest records it. Modes are normalised to 0644 or 0755
 * (the archive is reproducible and never carries setuid/setgid/sticky or group/other write bits).
 */
public record FileEntry(String path, long size, int mode, String sha256) {
  public static final int MODE_FILE = 0644;
  public static final int MODE_EXECUTABLE = 0755;
  /**
   * 1 TiB: no web app ships a larger file, and a forged manifest must not be able to make the
   * installer's size arithmetic overflow or promise to fill a disk (hostile-archive suite).
   */
  public static final long MAX_SIZE = 1L << 40;

  public FileEntry {
    ArchivePaths.requireSafe(path);
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size " + size + " of " + path + " is not between 0 and " + MAX_SIZE);
    }
    if (mode != MODE_FILE && mode != MODE_EXECUTABLE) {
      throw new IllegalArgumentException(
          "mode " + Integer.toOctalString(mode) + " of " + path + " is neither 644 nor 755");
    }
    if (!Sha256.isHex(sha256)) {
      throw new IllegalArgumentException("sha256 of " + path + " is not 64 lower-case hex digits");
    }
    Objects.requireNonNull(sha256);
  }

  public boolean executable() {
    return mode == MODE_EXECUTABLE;
  }
}
