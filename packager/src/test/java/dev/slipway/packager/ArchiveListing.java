package dev.slipway.packager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The names of an archive's file entries (folders left out), in archive order. */
final class ArchiveListing {
  private ArchiveListing() {}

  static List<String> files(Path archive) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (!e.isDirectory()) {
          names.add(e.getName());
        }
      }
    }
    return names;
  }
}
