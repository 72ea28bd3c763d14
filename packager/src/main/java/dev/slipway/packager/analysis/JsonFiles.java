package dev.slipway.packager.analysis;

import com.fasterxml.jackson.core.JacksonException;
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
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonFiles() {}

  /** Reads {@code file} as a JSON object; {@code label} names it in messages ("package.json"). */
  static JsonNode readObject(Path file, String label) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + label + " at " + file + ": " + e, e);
    }
    return parseObject(bytes, label);
  }

  static JsonNode parseObject(byte[] json, String label) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
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
