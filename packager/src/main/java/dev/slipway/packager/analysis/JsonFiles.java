package dev.slipway.packager.analysis;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the npm JSON files we analyse. Unreadable or malformed input becomes an {@link
 * IllegalArgumentException} naming the file, so the command line can turn it into one refusal
 * without knowing about Jackson.
 */
final class JsonFiles {
  /**
   * Bounds on a file we read whole into a tree (issue #20: a lockfile with 1.5M keys ran the
   * packager's 256 MiB heap out and ended as INTERNAL). A tree costs about 55 bytes a token, so 2M
   * tokens stay near 110 MiB; the largest real lockfiles hold about 27 tokens a package, so the
   * limit is some 70,000 packages (a 40 MB lockfile), far above any one app's. Refused rather than
   * raised: the packager's memory must not grow with what a project file claims.
   */
  static final long MAX_TOKENS = 2_000_000;
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).maxDocumentLength(MAX_BYTES).build())
      .build()).build();

  /** A file over {@link #MAX_BYTES} or {@link #MAX_TOKENS}: refused, with its own cause code. */
  static final class TooLarge extends IllegalArgumentException {
    TooLarge(String message) {
      super(message);
    }
  }

  private JsonFiles() {}

  /** Reads {@code file} as a JSON object; {@code label} names it in messages ("package.json"). */
  static JsonNode readObject(Path file, String label) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TooLarge(label + " is " + size + " bytes, over the " + MAX_BYTES + " this packager reads");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + label + " at " + file + ": " + e, e);
    }
    return parseObject(bytes, label);
  }

  /**
   * The project's lockfile as a tree; a lockfile that is too large or not JSON is refused with its
   * cause code (LOCKFILE_TOO_LARGE, BAD_LOCKFILE: exit 11), never INTERNAL.
   */
  static JsonNode readLockfile(Path lockfile) {
    String label = String.valueOf(lockfile.getFileName());
    try {
      return readObject(lockfile, label);
    } catch (TooLarge e) {
      throw new SlipwayException(FailureKind.LOCKFILE, "LOCKFILE_TOO_LARGE", e.getMessage(), null,
          "a lockfile this large (over " + MAX_TOKENS + " JSON tokens, some 70,000 packages) is not one app's: check that "
              + label + " is the app's own, not a whole monorepo's, and regenerate it with `npm install`");
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(FailureKind.LOCKFILE, "BAD_LOCKFILE", label + " cannot be used: " + e.getMessage(), null,
          "regenerate it with `npm install` and commit it");
    }
  }

  static JsonNode parseObject(byte[] json, String label) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new TooLarge(label + " holds over " + MAX_TOKENS + " JSON tokens (or " + MAX_BYTES
          + " bytes), more than this packager reads: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          label + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + label + ": " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(label + " is not a JSON object");
    }
    return root;
  }

  /**
   * The string-to-string object under {@code field} (e.g. "dependencies"), sorted by key; empty
   * when the field is absent or null. Anything else is refused rather than guessed at.
   */
  static SortedMap<String, String> stringMap(JsonNode parent, String field, String label) {
    JsonNode node = parent.get(field);
    SortedMap<String, String> result = new TreeMap<>();
    if (node == null || node.isNull()) {
      return result;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(label + "'s \"" + field + "\" is not an object");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new IllegalArgumentException(
            label + "'s \"" + field + "\" entry \"" + entry.getKey() + "\" is not a string");
      }
      result.put(entry.getKey(), entry.getValue().textValue());
    }
    return result;
  }
}
