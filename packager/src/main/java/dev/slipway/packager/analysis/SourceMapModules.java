package dev.slipway.packager.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which module a position of a built chunk comes from, read from the chunk's source map (issue #17).
 * Turbopack writes a {@code .js.map} beside every server chunk, whose {@code sources} name each
 * module's path ({@code ../../../node_modules/debug/src/node.js}, {@code ../../../app/page.js});
 * production chunks themselves carry only numeric module ids. So a {@code process.env} read can be
 * told apart: the app's own code, or a dependency's.
 *
 * <p>Only {@code sources} and {@code mappings} are kept (and {@code sections} of an index map);
 * {@code sourcesContent}, most of a map's bytes, is skipped as it streams by.
 */
final class SourceMapModules {
  /** Who wrote the code at a position. */
  enum Origin { APP, DEPENDENCY, UNKNOWN }

  /** Not the format's strict factory: a map that repeats a key was written by a bundler, not an attacker, and is read as is. */
  private static final JsonFactory JSON = new JsonFactory();
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final List<String> sources;
  /** Per generated line: pairs of (generated column, source index or -1), in column order. */
  private final List<int[]> lines;
  /** An index map's sections, in order; then sources and lines are empty. */
  private final List<Section> sections;

  private record Section(int line, int column, SourceMapModules map) {}

  private SourceMapModules(List<String> sources, List<int[]> lines, List<Section> sections) {
    this.sources = sources;
    this.lines = lines;
    this.sections = sections;
  }

  /**
   * Reads {@code map}.
   *
   * @throws IOException if it cannot be read or is not a source map
   */
  static SourceMapModules read(Path map) throws IOException {
    try (JsonParser parser = JSON.createParser(map.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a source map: " + map);
      }
      return parseObject(parser);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a source map: " + map + ": " + e.getMessage(), e);
    }
  }

  /** Who wrote the code at a 0-based generated line and UTF-16 column. */
  Origin originAt(int line, int column) {
    if (!sections.isEmpty()) {
      Section found = null;
      for (Section section : sections) {
        if (section.line() < line || (section.line() == line && section.column() <= column)) {
          found = section;
        }
      }
      return found == null
          ? Origin.UNKNOWN
          : found.map().originAt(line - found.line(), line == found.line() ? column - found.column() : column);
    }
    if (line >= lines.size()) {
      return Origin.UNKNOWN;
    }
    int[] segments = lines.get(line);
    int source = -1;
    boolean any = false;
    for (int i = 0; i < segments.length && segments[i] <= column; i += 2) {
      source = segments[i + 1];
      any = true;
    }
    if (!any || source < 0 || source >= sources.size()) {
      return Origin.UNKNOWN;
    }
    return isDependency(sources.get(source)) ? Origin.DEPENDENCY : Origin.APP;
  }

  // node_modules is where npm puts every dependency; [turbopack] and [externals] are the bundler's
  // own runtime and its require() stubs for external packages.
  static boolean isDependency(String source) {
    String path = source.replace('\\', '/');
    return path.contains("node_modules/") || path.contains("[turbopack]") || path.contains("[externals]");
  }

  private static SourceMapModules parseObject(JsonParser parser) throws IOException {
    List<String> sources = List.of();
    String mappings = "";
    List<Section> sections = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("sources") && value == JsonToken.START_ARRAY) {
        sources = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          sources.add(parser.getValueAsString(""));
        }
      } else if (field.equals("mappings") && value == JsonToken.VALUE_STRING) {
        mappings = parser.getText();
      } else if (field.equals("sections") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          sections.add(parseSection(parser));
        }
      } else {
        parser.skipChildren();
      }
    }
    return new SourceMapModules(sources, decode(mappings), sections);
  }

  private static Section parseSection(JsonParser parser) throws IOException {
    int line = 0;
    int column = 0;
    SourceMapModules map = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("offset") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          if (key.equals("line")) {
            line = parser.getIntValue();
          } else if (key.equals("column")) {
            column = parser.getIntValue();
          } else {
            parser.skipChildren();
          }
        }
      } else if (field.equals("map") && value == JsonToken.START_OBJECT) {
        map = parseObject(parser);
      } else {
        parser.skipChildren();
      }
    }
    return new Section(line, column, map == null ? new SourceMapModules(List.of(), List.of(), List.of()) : map);
  }

  /**
   * The "mappings" field: lines separated by ";", segments by ",", each a run of base64 VLQ
   * numbers: the generated column (relative to the line's previous segment), then the source index
   * (relative to the previous segment's, across lines), then fields we do not need.
   */
  static List<int[]> decode(String mappings) {
    List<int[]> lines = new ArrayList<>();
    int[] line = new int[16];
    int used = 0;
    int column = 0;
    int source = 0;
    int field = 0;
    int value = 0;
    int shift = 0;
    boolean hasSource = false;
    for (int i = 0; i <= mappings.length(); i++) {
      char c = i < mappings.length() ? mappings.charAt(i) : ';';
      if (c == ',' || c == ';') {
        if (field > 0) {
          if (used + 2 > line.length) {
            line = Arrays.copyOf(line, line.length * 2);
          }
          line[used++] = column;
          line[used++] = hasSource ? source : -1;
        }
        field = 0;
        hasSource = false;
        if (c == ';') {
          lines.add(Arrays.copyOf(line, used));
          used = 0;
          column = 0;
        }
        continue;
      }
      int digit = BASE64.indexOf(c);
      if (digit < 0) {
        throw new IllegalArgumentException("not a base64 VLQ character in mappings: '" + c + "'");
      }
      value |= (digit & 31) << shift;
      if ((digit & 32) != 0) {
        shift += 5;
        continue;
      }
      int number = (value & 1) == 1 ? -(value >>> 1) : value >>> 1;
      value = 0;
      shift = 0;
      if (field == 0) {
        column += number;
      } else if (field == 1) {
        source += number;
        hasSource = true;
      }
      field++;
    }
    return lines;
  }
}
