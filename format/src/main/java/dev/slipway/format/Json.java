package dev.slipway.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration used for everything Slipway writes into an archive or a root.
 *
 * <p>Output must be byte-identical on every OS (the archive is reproducible), so the pretty printer
 * uses LF, never the platform line separator Jackson defaults to, and map keys are sorted.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          // A newer minor version of the format may add fields; the format version gates breaking changes.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Pretty, LF-terminated UTF-8 bytes: the exact bytes stored in archives. */
  public static byte[] prettyBytes(Object value) {
    try {
      String text = PRETTY.writeValueAsString(value) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line, no trailing newline: for history.jsonl and --json output. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
