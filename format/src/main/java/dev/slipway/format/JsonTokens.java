package dev.slipway.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one JSON value from a streaming parser, for {@link ManifestParser}: each refuses a
 * value of another type with a message that names the field and what was found, so a hostile
 * manifest gets the same clear refusal as data binding would give.
 */
final class JsonTokens {
  private JsonTokens() {}

  /**
   * An object whose fields the records take as strings: {@code app}, {@code builtWith}, {@code
   * start}, {@code lockfile}. A field of another type is an error only if a record asks for it.
   */
  record TextFields(String object, java.util.Map<String, Object> fields) {
    static final Object NOT_TEXT = new Object();

    static TextFields read(JsonParser parser, JsonToken value, String object) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(parser, value, JsonToken.START_OBJECT, object);
      java.util.Map<String, Object> fields = new java.util.HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        fields.put(field, token == JsonToken.VALUE_STRING ? parser.getText() : token == JsonToken.VALUE_NULL ? null : NOT_TEXT);
        parser.skipChildren();
      }
      return new TextFields(object, fields);
    }

    String get(String field) {
      Object value = fields.get(field);
      if (value == NOT_TEXT) {
        throw new IllegalArgumentException(object + "." + field + " must be a string");
      }
      return (String) value;
    }
  }

  static List<String> names(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, value, JsonToken.START_ARRAY, field);
    List<String> names = new ArrayList<>();
    for (JsonToken element; (element = parser.nextToken()) != JsonToken.END_ARRAY; ) {
      String name = text(parser, element, field);
      if (name == null) {
        throw new IllegalArgumentException(field + " holds a null");
      }
      names.add(name);
    }
    return names;
  }

  static String text(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, value, JsonToken.VALUE_STRING, field);
    return parser.getText();
  }

  static int intValue(JsonParser parser, JsonToken value, String field) throws IOException {
    expect(parser, value, JsonToken.VALUE_NUMBER_INT, field);
    if (parser.getNumberType() != JsonParser.NumberType.INT) {
      throw new IllegalArgumentException(field + " is out of range: " + parser.getText());
    }
    return parser.getIntValue();
  }

  static long longValue(JsonParser parser, JsonToken value, String field) throws IOException {
    expect(parser, value, JsonToken.VALUE_NUMBER_INT, field);
    JsonParser.NumberType type = parser.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw new IllegalArgumentException(field + " is out of range: " + parser.getText());
    }
    return parser.getLongValue();
  }

  static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + " must be " + describe(expected) + ", found " + describe(actual));
    }
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the document";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
