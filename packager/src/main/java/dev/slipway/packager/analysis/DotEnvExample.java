package dev.slipway.packager.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The variable names a project declares in its env template ({@code .env.example}, {@code
 * .env.production.example}): which the release requires and which it can run without.
 *
 * <p>Both sets are unmodifiable copies sorted by name, and disjoint. Only names are kept. Templates
 * are meant to hold placeholders, but some hold real values, so a value is never returned, stored,
 * or quoted in an error message.
 *
 * <p>Syntax, as dotenv reads it: {@code NAME=value} or {@code export NAME=value}, blank lines and
 * {@code #} comment lines ignored, values optionally quoted (a double-, single- or back-quoted
 * value may span lines), and in an unquoted value a {@code #} starts a comment. A bare {@code NAME}
 * line declares the name too. A name is marked optional by a trailing comment that says so: {@code
 * # optional}, or {@code # optional: why}, in any letter case.
 */
public record DotEnvExample(Set<String> required, Set<String> optional) {

  public DotEnvExample {
    required = validNames(required, "required");
    optional = validNames(optional, "optional");
    for (String name : required) {
      if (optional.contains(name)) {
        throw new IllegalArgumentException(name + " cannot be both required and optional");
      }
    }
  }

  /**
   * Reads the names in {@code file}.
   *
   * @throws IllegalArgumentException if it cannot be read, or a line is not {@code NAME=value} with
   *     a valid name (the message gives the line number, never the line)
   */
  public static DotEnvExample read(Path file) {
    String label = String.valueOf(file.getFileName());
    SortedSet<String> required = new TreeSet<>();
    SortedSet<String> optional = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Lines lines = new Lines(reader, label);
      for (String line = lines.next(); line != null; line = lines.next()) {
        Entry entry = Entry.parse(line, lines);
        if (entry != null) {
          // A repeated name takes its last line's marking, as dotenv keeps the last value.
          required.remove(entry.name());
          optional.remove(entry.name());
          (entry.optional() ? optional : required).add(entry.name());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + label + " at " + file + ": " + e, e);
    }
    return new DotEnvExample(required, optional);
  }

  private static Set<String> validNames(Set<String> names, String which) {
    TreeSet<String> copy = new TreeSet<>();
    if (names != null) {
      for (String name : names) {
        if (!EnvVarName.isValid(name)) {
          throw new IllegalArgumentException(which + " name is not a valid variable name: " + name);
        }
        copy.add(name);
      }
    }
    return Collections.unmodifiableSortedSet(copy);
  }

  /** The file's lines, numbered, so that errors can point at one without quoting it. */
  private static final class Lines {
    private final BufferedReader reader;
    private final String label;
    private int number;

    Lines(BufferedReader reader, String label) {
      this.reader = reader;
      this.label = label;
    }

    String next() throws IOException {
      String line = reader.readLine();
      if (line == null) {
        return null;
      }
      number++;
      // Editors on Windows may start the file with a byte-order mark; it is not part of a name.
      return number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    IllegalArgumentException error(int line, String problem) {
      return new IllegalArgumentException(label + " line " + line + ": " + problem);
    }

    int number() {
      return number;
    }
  }

  /** One declared name and whether its line marks it optional. */
  private record Entry(String name, boolean optional) {
    static final String NAME_RULE =
        "the name is not a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)";

    /** The entry on {@code line} (reading on if its value is quoted across lines), or null. */
    static Entry parse(String line, Lines lines) throws IOException {
      int number = lines.number();
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        return null;
      }
      if (text.startsWith("export")
          && text.length() > 6
          && Character.isWhitespace(text.charAt(6))) {
        text = text.substring(6).stripLeading();
      }
      int equals = text.indexOf('=');
      if (equals < 0) {
        return bareName(text, number, lines);
      }
      String name = text.substring(0, equals).strip();
      if (!EnvVarName.isValid(name)) {
        throw lines.error(number, NAME_RULE);
      }
      String comment = comment(text.substring(equals + 1).stripLeading(), number, lines);
      return new Entry(name, marksOptional(comment));
    }

    /** {@code NAME} alone, or {@code NAME # comment}. */
    private static Entry bareName(String text, int number, Lines lines) {
      int end = 0;
      while (end < text.length()
          && !Character.isWhitespace(text.charAt(end))
          && text.charAt(end) != '#') {
        end++;
      }
      String name = text.substring(0, end);
      String rest = text.substring(end).strip();
      if (!rest.isEmpty() && !rest.startsWith("#")) {
        throw lines.error(number, "expected NAME=value");
      }
      if (!EnvVarName.isValid(name)) {
        throw lines.error(number, NAME_RULE);
      }
      return new Entry(name, marksOptional(rest.isEmpty() ? null : rest.substring(1)));
    }

    /** The text of the comment after the value, or null; the value itself is skipped over. */
    private static String comment(String value, int number, Lines lines) throws IOException {
      if (value.isEmpty()) {
        return null;
      }
      char quote = value.charAt(0);
      if (quote != '"' && quote != '\'' && quote != '`') {
        int hash = value.indexOf('#');
        return hash < 0 ? null : value.substring(hash + 1);
      }
      String rest = value.substring(1);
      int close = closingQuote(rest, quote);
      while (close < 0) {
        rest = lines.next();
        if (rest == null) {
          throw lines.error(number, "a quoted value is never closed");
        }
        close = closingQuote(rest, quote);
      }
      String after = rest.substring(close + 1).strip();
      return after.startsWith("#") ? after.substring(1) : null;
    }

    private static int closingQuote(String text, char quote) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && quote != '\'') {
          i++; // an escaped character, the quote included
        } else if (c == quote) {
          return i;
        }
      }
      return -1;
    }

    /** "optional", "optional: defaults to 3000", "OPTIONAL - only for uploads". */
    private static boolean marksOptional(String comment) {
      if (comment == null) {
        return false;
      }
      String words = comment.strip().toLowerCase(Locale.ROOT);
      return words.startsWith("optional")
          && (words.length() == 8 || !Character.isLetterOrDigit(words.charAt(8)));
    }
  }
}
