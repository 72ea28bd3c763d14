package dev.slipway.packager;

import dev.slipway.format.ArchivePaths;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A standalone release is merged from three folders (issue #18): {@code .next/standalone}, {@code
 * .next/static} and {@code public/}. Next copies neither of the last two into the first, but
 * Docker-style build scripts do ({@code cp -r public .next/standalone/}): the same file twice is
 * shipped once, while two different files for one name are refused, since either choice could
 * serve the wrong bytes.
 */
final class MergeClash {
  private static final int CHUNK = 64 * 1024;

  private MergeClash() {}

  /** Refuses (STANDALONE_FILE_CLASH) when {@code first} and {@code second} differ in content. */
  static void refuseDifferent(String name, ArchiveSource first, ArchiveSource second) throws IOException {
    if (!sameContent(first, second)) {
      throw new SlipwayException(
          FailureKind.PROJECT, "STANDALONE_FILE_CLASH",
          "two different files would be " + ArchivePaths.printable(name) + " in the release: the standalone build's"
              + " .next/standalone holds one, and the project's public/ or .next/static another",
          describe(first) + "\n" + describe(second),
          "delete the copy under .next/standalone (Slipway adds public/ and .next/static itself), or build again so"
              + " both are the same file");
    }
  }

  static boolean sameContent(ArchiveSource a, ArchiveSource b) throws IOException {
    if (a.size() != b.size()) {
      return false;
    }
    try (InputStream in = a.open(); InputStream other = b.open()) {
      byte[] left = new byte[CHUNK];
      byte[] right = new byte[CHUNK];
      while (true) {
        int n = in.readNBytes(left, 0, CHUNK);
        int m = other.readNBytes(right, 0, CHUNK);
        if (n != m || !Arrays.equals(left, 0, n, right, 0, m)) {
          return false;
        }
        if (n < CHUNK) {
          return true;
        }
      }
    }
  }

  private static String describe(ArchiveSource source) throws IOException {
    String where = source instanceof ArchiveSource.InFolder file ? file.path().toString() : "generated";
    return where + " (" + source.size() + " bytes)";
  }
}
