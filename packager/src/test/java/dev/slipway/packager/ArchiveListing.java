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

/** An archive's file entries (folders left out), in archive order. */
final class ArchiveListing {
  private ArchiveListing() {}

  static List<String> files(Path archive) throws IOException {
    return fileEntries(archive).stream().map(TarArchiveEntry::getName).toList();
  }

  /** The bytes of every file entry, or only of those named {@code only}. */
  static long fileBytes(Path archive, String... only) throws IOException {
    List<String> wanted = List.of(only);
    return fileEntries(archive).stream()
        .filter(e -> wanted.isEmpty() || wanted.contains(e.getName()))
        .mapToLong(TarArchiveEntry::getSize)
        .sum();
  }

  private static List<TarArchiveEntry> fileEntries(Path archive) throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (!e.isDirectory()) {
          entries.add(e);
        }
      }
    }
    return entries;
  }
}
