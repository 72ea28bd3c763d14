package dev.slipway.packager.cli;

/**
 * How {@code package} and {@code inspect} describe an archive's size, in the same words and from
 * the same numbers (issue #17: they printed "156 files, 1595192 bytes" and "155 files, 5881111
 * bytes" for one archive, counting the manifest once and not once, and the compressed size once
 * and the unpacked size once).
 *
 * @param files the files the manifest lists: every file in the archive but the manifest itself
 * @param unpackedBytes the bytes of those files once unpacked
 * @param compressedBytes the archive's size on disk
 */
record ArchiveCounts(long files, long unpackedBytes, long compressedBytes) {
  ArchiveCounts {
    if (files < 0 || unpackedBytes < 0 || compressedBytes < 0) {
      throw new IllegalArgumentException("counts cannot be negative: " + files + ", " + unpackedBytes + ", " + compressedBytes);
    }
  }

  /** "155 files and the manifest, 5881111 bytes unpacked, 1595192 bytes compressed". */
  String describe() {
    return files + " files and the manifest, " + unpackedBytes + " bytes unpacked, " + compressedBytes + " bytes compressed";
  }

  /** The same numbers under the keys both commands' --json use. */
  void putInto(java.util.Map<String, Object> json) {
    json.put("fileCount", files);
    json.put("unpackedSize", unpackedBytes);
    json.put("size", compressedBytes);
  }
}
