package dev.slipway.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
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
  /**
   * For what reads JSON token by token ({@link ManifestParser}): building it does not build an
   * ObjectMapper, which costs a cold JVM about 0.3 s (issue #7). A field given twice is an error:
   * another reader might take the other one.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  public static JsonFactory factory() {
    return FACTORY;
  }

  public static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  /** Built on first use only (holder idiom): the installer's unpack and verify never need it. */
  private static final class Mapper {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            // A newer minor version of the format may add fields; the format version gates breaking changes.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static final ObjectWriter PRETTY =
        MAPPER.writer(
            new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  }

  /** Pretty, LF-terminated UTF-8 bytes: the exact bytes stored in archives. */
  public static byte[] prettyBytes(Object value) {
    try {
      String text = Mapper.PRETTY.writeValueAsString(value) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A generator that writes exactly as {@link #prettyBytes} does, for JSON too large to build in
   * memory first (the manifest of 50k files, issue #7). Closing it does not close {@code out}.
   */
  static JsonGenerator prettyGenerator(java.io.OutputStream out) throws IOException {
    return Mapper.PRETTY.createGenerator(out);
  }

  /** One line, no trailing newline: for history.jsonl and --json output. */
  public static String line(Object value) {
    try {
      return Mapper.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
