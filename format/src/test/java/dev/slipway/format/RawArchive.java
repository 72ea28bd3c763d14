package dev.slipway.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds arbitrary (also malicious) tar.gz archives entry by entry, bypassing every rule of the
 * real writer, for the reader's refusal tests.
 */
final class RawArchive {
  private final List<TarArchiveEntry> entries = new ArrayList<>();
  private final List<byte[]> contents = new ArrayList<>();

  RawArchive file(String name, String content) {
    return entry(new TarArchiveEntry(name, true), content.getBytes(StandardCharsets.UTF_8));
  }

  RawArchive entry(TarArchiveEntry entry, byte[] content) {
    if (entry.isFile() && !entry.isLink() && !entry.isSymbolicLink()) {
      entry.setSize(content.length);
    }
    entries.add(entry);
    contents.add(content);
    return this;
  }

  /** A correct manifest for the given files (path, content pairs), as the first entry. */
  RawArchive manifestFor(String... pathAndContent) {
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0; i < pathAndContent.length; i += 2) {
      byte[] content = pathAndContent[i + 1].getBytes(StandardCharsets.UTF_8);
      files.add(new FileEntry(pathAndContent[i], content.length, 0644, Sha256.of(content)));
    }
    files.sort(java.util.Comparator.comparing(FileEntry::path));
    return file(ArchiveLayout.MANIFEST, new String(Json.prettyBytes(ArchiveFixtures.manifest(files)), StandardCharsets.UTF_8));
  }

  byte[] tarGz() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < entries.size(); i++) {
        tar.putArchiveEntry(entries.get(i));
        if (entries.get(i).getSize() > 0) {
          tar.write(contents.get(i));
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
