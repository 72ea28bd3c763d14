package dev.slipway.format;

import java.util.HexFormat;

/**
 * A file of the manifest's list as the reader checks archive entries against it: read back from
 * the {@link PackedFileList}, so already validated once, when the manifest was parsed into {@link
 * FileEntry} records, and not again (issue #7: a cold unpack validated every path twice and turned
 * every SHA-256 from hex to bytes and back). The SHA-256 stays raw, as a digest gives it.
 */
record ListedFile(String path, long size, boolean executable, byte[] sha256) {
  private static final HexFormat HEX = HexFormat.of();

  /** The SHA-256 as the manifest writes it, for messages. */
  String sha256Hex() {
    return HEX.formatHex(sha256);
  }
}
