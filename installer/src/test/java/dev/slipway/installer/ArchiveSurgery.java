package dev.slipway.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Rewrites an archive entry by entry, changing one file: what an attacker or a bad copy would do. */
final class ArchiveSurgery {
  private ArchiveSurgery() {}

  static Path replaceFile(Path source, Path target, String name, String content) throws IOException {
    try (InputStream in = Files.newInputStream(source);
        TarArchiveInputStream tarIn = new TarArchiveInputStream(new GzipCompressorInputStream(in, true));
        OutputStream out = Files.newOutputStream(target);
        TarArchiveOutputStream tarOut = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry; (entry = tarIn.getNextEntry()) != null; ) {
        byte[] data = tarIn.readAllBytes();
        if (entry.getName().equals(name)) {
          data = content.getBytes(StandardCharsets.UTF_8);
          entry.setSize(data.length);
        }
        tarOut.putArchiveEntry(entry);
        tarOut.write(data);
        tarOut.closeArchiveEntry();
      }
    }
    return target;
  }
}
