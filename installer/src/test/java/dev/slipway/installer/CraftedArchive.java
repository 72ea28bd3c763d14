package dev.slipway.installer;

import dev.slipway.format.ArchiveSource;
import dev.slipway.format.Manifest;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.Sidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedMap;

/** A crafted archive written by the format's own writer, with its .sha256 sidecar, as the packager leaves it. */
final class CraftedArchive {
  private CraftedArchive() {}

  static Path write(Path archive, SortedMap<String, ArchiveSource> files, Manifest.Header header) throws IOException {
    ReproducibleArchiveWriter.Result written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(archive, files, header, ReproducibleArchiveWriter.Progress.NONE);
    Sidecar.write(archive, written.sha256());
    return archive;
  }

  static void text(SortedMap<String, ArchiveSource> files, String path, String content) {
    files.put(path, ArchiveSource.bytes(content.getBytes(StandardCharsets.UTF_8)));
  }
}
