package dev.slipway.installer.layout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson configuration for the installer's small state files. */
final class Json {

  private Json() {}

  /**
   * A new mapper: compact output (one line, which history.jsonl relies on), and unknown fields
   * ignored so that files written by a newer installer stay readable by an older one.
   */
  static ObjectMapper mapper() {
    return new ObjectMapper()
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
