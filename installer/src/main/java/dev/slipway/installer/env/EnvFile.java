package dev.slipway.installer.env;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The names set in a dotenv file ({@code NAME=value}, {@code export NAME=value}, comments and
 * blank lines ignored), the format Next.js itself loads from {@code .env.production}.
 *
 * <p>Only emptiness of values is kept, never the values: the installer must not print, log or
 * hold secrets it does not need. {@link #valuesOf} reads the few a child process needs.
 */
public final class EnvFile {
  private final Map<String, Boolean> nonEmptyByName;

  private EnvFile(Map<String, Boolean> nonEmptyByName) {
    this.nonEmptyByName = Collections.unmodifiableMap(nonEmptyByName);
  }

  public static EnvFile empty() {
    return new EnvFile(new TreeMap<>());
  }

  public static EnvFile read(Path file) throws IOException {
    Map<String, Boolean> names = new TreeMap<>();
    forEach(file, (name, value) -> names.put(name, !value.isEmpty()));
    return new EnvFile(names);
  }

  /**
   * The values of {@code wanted} names only, for a child that needs them in its environment (npm
   * interpolating {@code ${NPM_TOKEN}} in .npmrc, issue #16); a later line wins, as in dotenv.
   */
  public static Map<String, String> valuesOf(Path file, Set<String> wanted) throws IOException {
    Map<String, String> values = new TreeMap<>();
    forEach(file, (name, value) -> {
      if (wanted.contains(name)) {
        values.put(name, value);
      }
    });
    return values;
  }

  /** Every name's value, for {@link Redactor} only: it must know a secret to keep it out of our output. */
  static Map<String, String> allValuesOf(Path file) throws IOException {
    Map<String, String> values = new TreeMap<>();
    forEach(file, values::put);
    return values;
  }

  private static void forEach(Path file, BiConsumer<String, String> entry) throws IOException {
    for (String raw : lines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      entry.accept(name, value);
    }
  }

  /** The file's lines; a file that is not UTF-8 is refused by name (it ended as INTERNAL, issue #20). */
  private static java.util.List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      // Neither the bytes nor the line go into the message: the file holds secrets.
      throw new SlipwayException(FailureKind.ENV_MISSING, "ENV_FILE_NOT_UTF8", "the env file " + file + " is not UTF-8 text",
          null, "save " + file + " as UTF-8 (for example: iconv -f LATIN1 -t UTF-8), then run again");
    }
  }

  /** Set to a non-empty value: an empty secret is as good as a missing one. */
  public boolean defines(String name) {
    return nonEmptyByName.getOrDefault(name, false);
  }
}
