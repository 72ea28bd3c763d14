package dev.slipway.installer.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds release folders for tests. */
final class Fixtures {

  private Fixtures() {}

  /** A minimal well-formed release id for the given second of 2026-11-27 16:30. */
  static String id(int second, String build) {
    return String.format("20261127T1630%02dZ-%s", second, build);
  }

  /** Creates {@code releases/<id>/marker} (content = the id) and returns the release folder. */
  static Path release(ReleaseRoot root, String id) throws IOException {
    Path dir = Files.createDirectories(root.releasesDir().resolve(id));
    Files.writeString(dir.resolve("marker"), id);
    return dir;
  }
}
