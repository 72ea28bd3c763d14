package dev.slipway.format.signature;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The text shape all of minisign's files share: comment lines and base64 lines, LF (or CRLF)
 * ended. Every problem is a {@link SlipwayException} with the caller's cause code, since what a
 * malformed file means (an invalid signature, a bad key option) depends on which file it is.
 */
final class MinisignLines {
  static final String UNTRUSTED = "untrusted comment: ";
  static final String TRUSTED = "trusted comment: ";
  /** minisign's own limits: COMMENTMAXBYTES and TRUSTEDCOMMENTMAXBYTES. */
  static final int UNTRUSTED_MAX_BYTES = 1024;
  static final int TRUSTED_MAX_BYTES = 8192;
  /** A signature file with both comments at their longest stays under this; more is not one. */
  static final int MAX_FILE_BYTES = 16 * 1024;

  private final FailureKind kind;
  private final String causeCode;
  private final String what;
  private final String fix;

  MinisignLines(FailureKind kind, String causeCode, String what, String fix) {
    this.kind = kind;
    this.causeCode = causeCode;
    this.what = what;
    this.fix = fix;
  }

  /** The file's lines, at most {@link #MAX_FILE_BYTES} of strict UTF-8, trailing empty lines dropped. */
  List<String> read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw refuse("is larger than " + MAX_FILE_BYTES + " bytes");
    }
    try {
      return lines(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw refuse("is not UTF-8 text");
    }
  }

  List<String> lines(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The text after {@code prefix}, at most {@code maxBytes} of UTF-8. */
  String comment(String line, String prefix, int maxBytes) {
    if (!line.startsWith(prefix)) {
      throw refuse("has no line starting with '" + prefix.strip() + "' where one belongs");
    }
    String comment = line.substring(prefix.length());
    if (comment.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw refuse("has a comment longer than " + maxBytes + " bytes");
    }
    return comment;
  }

  /** A base64 line that must decode to exactly {@code length} bytes. */
  byte[] base64(String line, int length) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(line.strip());
    } catch (IllegalArgumentException e) {
      throw refuse("has a line that is not base64");
    }
    if (bytes.length != length) {
      throw refuse("holds " + bytes.length + " bytes where minisign's format has " + length);
    }
    return bytes;
  }

  SlipwayException refuse(String why) {
    return new SlipwayException(kind, causeCode, what + " " + why + ": not in minisign's format", null, fix);
  }
}
