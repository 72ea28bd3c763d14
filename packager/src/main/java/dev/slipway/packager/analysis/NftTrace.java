package dev.slipway.packager.analysis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.slipway.format.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the {@code files} list of one {@code *.nft.json} trace that {@code next build} writes next
 * to each server entry ({@code {"version":1,"files":["../../../../content/posts.json", ...]}}): every
 * file the entry needs at run time, relative to the trace's folder (issue #16, item 3). Read token by
 * token, since a trace lists a thousand node_modules paths and a big app has hundreds of traces.
 */
public final class NftTrace {
  public static final String SUFFIX = ".nft.json";

  private NftTrace() {}

  /**
   * Hands each listed path, as written, to {@code each}.
   *
   * @throws IOException when the file cannot be read or is not a trace (not an object, or a
   *     {@code files} that is not a list of strings)
   */
  public static void readFiles(Path trace, Consumer<String> each) throws IOException {
    try (JsonParser parser = Json.factory().createParser(trace.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!"files".equals(field)) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw new IOException("\"files\" is not a list");
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
          each.accept(parser.getText());
        }
        if (token != JsonToken.END_ARRAY) {
          throw new IOException("\"files\" holds something other than paths");
        }
      }
    }
  }
}
