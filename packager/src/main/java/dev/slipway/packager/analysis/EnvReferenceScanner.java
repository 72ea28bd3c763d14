package dev.slipway.packager.analysis;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the environment variables that a Next.js production build reads at run time, by reading the
 * compiled server code in {@code .next/server} (what actually runs, after Next.js has inlined
 * {@code NEXT_PUBLIC_*} and other build-time values).
 *
 * <p>Recognised forms, with or without whitespace and {@code ?.}: {@code process.env.NAME}, {@code
 * process.env["NAME"]} (also {@code '} and {@code `} quotes), and destructuring {@code {A, B: b, C
 * = 1} = process.env} with or without {@code const}/{@code let}/{@code var}. Not recognised: a
 * computed name ({@code process.env[key]}) and {@code process.env} passed around under another
 * name; no static reading can follow those.
 *
 * <p>Files are streamed through a fixed-size window, because server chunks are minified onto lines
 * hundreds of kilobytes long and a real app may have many megabytes of them.
 */
public final class EnvReferenceScanner {
  // Each pattern is tried only where the text has "process" (found with String.indexOf, which is
  // far faster than letting a regex try every position of a multi-megabyte bundle). Bounded
  // quantifiers keep every match within BEHIND chars before that "process" and AHEAD chars after
  // it, which is what lets a fixed window see each match whole (see scanFile). Names longer than
  // 256 characters are ignored.
  private static final String PROCESS = "process";
  private static final String PROCESS_ENV = "(?<![\\w$])process\\s{0,16}\\??\\.\\s{0,16}env";
  private static final Pattern DOT =
      Pattern.compile(PROCESS_ENV + "\\s{0,16}\\??\\.\\s{0,16}([A-Za-z_$][\\w$]{0,255})(?![\\w$])");
  private static final Pattern BRACKET =
      Pattern.compile(
          PROCESS_ENV
              + "\\s{0,16}(?:\\?\\.)?\\s{0,16}\\[\\s{0,16}([\"'`])([\\w$]{1,256})\\1\\s{0,16}]");

  /** Tried at the "{" that a backwards walk from "process" finds (see destructuringStart). */
  private static final Pattern DESTRUCTURING =
      Pattern.compile(
          "\\{([^{}]{0,4096})}\\s{0,16}=\\s{0,16}" + PROCESS_ENV + "(?![\\w$]|\\s{0,16}[?.\\[])");

  private static final int MAX_PATTERN_BODY = 4096;
  private static final int MAX_SPACES = 16;

  static final int WINDOW = 128 * 1024;

  /** Context kept before the part of a window whose "process" occurrences it owns. */
  static final int BEHIND = 8 * 1024;

  /** Context a window reads past the part it owns. */
  static final int AHEAD = 1024;

  private EnvReferenceScanner() {}

  /**
   * The names read by the {@code *.js} files under {@code nextServerDir} (usually {@code
   * .next/server}), without those Next.js and Node.js provide themselves ({@link
   * #isFrameworkName}).
   *
   * @throws IllegalArgumentException if {@code nextServerDir} is not a directory
   * @throws UncheckedIOException if a file cannot be read
   */
  public static SortedSet<String> scan(Path nextServerDir) {
    if (!Files.isDirectory(nextServerDir)) {
      throw new IllegalArgumentException("not a directory: " + nextServerDir);
    }
    SortedSet<String> names = new TreeSet<>();
    // Source maps (*.js.map) quote the original source, comments and dead code included.
    try (Stream<Path> files = Files.walk(nextServerDir)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".js"))
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .forEach(file -> scanFile(file, names::add));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + nextServerDir, e);
    }
    names.removeIf(EnvReferenceScanner::isFrameworkName);
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * Whether {@code name} is one that Next.js, Node.js, the hosting platform or the installer
   * supply, so the operator never has to (the list and its reasons are in {@link
   * FrameworkEnvNames}).
   */
  public static boolean isFrameworkName(String name) {
    return FrameworkEnvNames.contains(name);
  }

  /**
   * Reads {@code file} in windows of {@link #WINDOW} characters. Each window owns the occurrences
   * of "process" that start in its middle part: after the {@link #BEHIND} characters carried over
   * from the previous window, and before its last {@link #AHEAD} characters, which the next window
   * carries over and owns. Since no match reaches further than that from its "process", every match
   * is seen whole, by exactly one window.
   */
  static void scanFile(Path file, Consumer<String> names) {
    char[] window = new char[WINDOW];
    try (Reader reader = utf8Reader(file)) {
      int length = 0;
      int ownedFrom = 0;
      while (true) {
        length += fill(reader, window, length);
        boolean last = length < WINDOW;
        int ownedTo = last ? length : length - AHEAD;
        scanWindow(new String(window, 0, length), ownedFrom, ownedTo, names);
        if (last) {
          return;
        }
        int keepFrom = ownedTo - BEHIND;
        System.arraycopy(window, keepFrom, window, 0, length - keepFrom);
        length -= keepFrom;
        ownedFrom = BEHIND;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void scanWindow(String text, int ownedFrom, int ownedTo, Consumer<String> names) {
    Matcher dot = DOT.matcher(text).useTransparentBounds(true);
    Matcher bracket = BRACKET.matcher(text).useTransparentBounds(true);
    Matcher destructuring = DESTRUCTURING.matcher(text).useTransparentBounds(true);
    for (int at = text.indexOf(PROCESS, ownedFrom);
        at >= 0 && at < ownedTo;
        at = text.indexOf(PROCESS, at + 1)) {
      if (dot.region(at, text.length()).lookingAt()) {
        accept(dot.group(1), names);
      } else if (bracket.region(at, text.length()).lookingAt()) {
        accept(bracket.group(2), names);
      } else {
        int open = destructuringStart(text, at);
        if (open >= 0 && destructuring.region(open, text.length()).lookingAt()) {
          destructured(destructuring.group(1), names);
        }
      }
    }
  }

  /**
   * Walking back from {@code process} over "=" and "}", the index of the "{" that opens the object
   * pattern, or -1 if the text there is not shaped like one.
   */
  private static int destructuringStart(String text, int process) {
    int i = skipSpacesBack(text, process - 1);
    if (i < 0 || text.charAt(i) != '=') {
      return -1;
    }
    i = skipSpacesBack(text, i - 1);
    if (i < 0 || text.charAt(i) != '}') {
      return -1;
    }
    for (int j = i - 1; j >= 0 && j >= i - 1 - MAX_PATTERN_BODY; j--) {
      char c = text.charAt(j);
      if (c == '{') {
        return j;
      }
      if (c == '}') {
        return -1;
      }
    }
    return -1;
  }

  private static int skipSpacesBack(String text, int from) {
    int i = from;
    while (i >= 0 && from - i < MAX_SPACES && isRegexSpace(text.charAt(i))) {
      i--;
    }
    return i;
  }

  // Exactly the characters of the patterns' \s, so the walk and the regex agree.
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * The property names in the body of an object pattern: {@code A}, {@code B: b}, {@code C = 1},
   * {@code "D": d}. A rest element ({@code ...rest}) names no variable; a default value with a
   * comma inside yields a fragment that is not a valid name and so is dropped.
   */
  private static void destructured(String body, Consumer<String> names) {
    for (String property : body.split(",")) {
      String key = property.strip();
      if (key.startsWith("...")) {
        continue;
      }
      int end = 0;
      while (end < key.length() && key.charAt(end) != ':' && key.charAt(end) != '=') {
        end++;
      }
      key = key.substring(0, end).strip();
      if (key.length() >= 2
          && (key.charAt(0) == '"' || key.charAt(0) == '\'')
          && key.charAt(key.length() - 1) == key.charAt(0)) {
        key = key.substring(1, key.length() - 1);
      }
      accept(key, names);
    }
  }

  private static void accept(String name, Consumer<String> names) {
    if (EnvVarName.isValid(name)) {
      names.accept(name);
    }
  }

  /** Reads until {@code buffer} is full or the input ends; returns how many chars were added. */
  private static int fill(Reader reader, char[] buffer, int from) throws IOException {
    int total = 0;
    while (from + total < buffer.length) {
      int n = reader.read(buffer, from + total, buffer.length - from - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  // Bundles are UTF-8; a stray invalid byte must not hide the names in the rest of the file.
  private static Reader utf8Reader(Path file) throws IOException {
    return new InputStreamReader(
        Files.newInputStream(file),
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }
}
