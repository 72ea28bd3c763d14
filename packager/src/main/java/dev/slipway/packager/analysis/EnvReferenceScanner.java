package dev.slipway.packager.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
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
 * <p>Files are streamed through a fixed-size window of bytes, because server chunks are minified
 * onto lines hundreds of kilobytes long and a real app may have many megabytes of them. The bytes
 * are searched for "process" as they are (in UTF-8 an ASCII byte only ever stands for itself), and
 * only the text around each occurrence is decoded and matched: decoding every byte to chars cost
 * ten times more than the search (issue #7: the scan was a second of every packaging per 100 MB
 * of server code).
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

  /** Bytes read at a time. */
  static final int WINDOW = 256 * 1024;

  /**
   * Bytes kept before the part of a window whose "process" occurrences it owns: at least the 8192
   * characters the patterns may reach back (a character is at most 4 bytes).
   */
  static final int BEHIND = 4 * 8 * 1024;

  /** Bytes a window reads past the part it owns: at least 1024 characters. */
  static final int AHEAD = 4 * 1024;


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
    return reads(nextServerDir).all();
  }

  /**
   * As {@link #scan}, with each name attributed to the code that reads it (issue #17): the app's
   * own modules, or only dependencies' (node_modules), where the chunk's source map tells.
   */
  public static EnvReads reads(Path nextServerDir) {
    if (!Files.isDirectory(nextServerDir)) {
      throw new IllegalArgumentException("not a directory: " + nextServerDir);
    }
    EnvReads.Builder reads = new EnvReads.Builder();
    // One window for every file: a fresh 256 KiB array per file was most of what a scan of 24k
    // files allocated (6 GB, zeroed, for files of a few KiB; issue #7).
    byte[] window = new byte[WINDOW];
    // Source maps (*.js.map) quote the original source, comments and dead code included: they are
    // read only to attribute what the .js itself reads.
    try (Stream<Path> files = Files.walk(nextServerDir)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".js"))
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .forEach(file -> {
            List<Read> found = new ArrayList<>();
            scanFile(file, window, (name, offset) -> {
              if (!isFrameworkName(name)) {
                found.add(new Read(name, offset));
              }
            });
            if (!found.isEmpty()) {
              reads.add(file, found);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + nextServerDir, e);
    }
    return reads.build();
  }

  /** Where a name is read: the byte offset of its "process" in the file. */
  record Read(String name, long offset) {}

  /** Receives each name read, with the byte offset of its "process" in the file. */
  @FunctionalInterface
  interface Found {
    void read(String name, long offset);
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
   * Reads {@code file} in windows of {@link #WINDOW} bytes. Each window owns the occurrences of
   * "process" that start in its middle part: after the {@link #BEHIND} bytes carried over from the
   * previous window, and before its last {@link #AHEAD} bytes, which the next window carries over
   * and owns. Since no match reaches further than that from its "process", every match is seen
   * whole, by exactly one window. {@code window} must hold {@link #WINDOW} bytes; it is overwritten.
   */
  static void scanFile(Path file, byte[] window, Found names) {
    try (InputStream in = Files.newInputStream(file)) {
      int length = 0;
      int ownedFrom = 0;
      long windowStart = 0; // the file offset of window[0]
      while (true) {
        length += in.readNBytes(window, length, WINDOW - length);
        boolean last = length < WINDOW;
        int ownedTo = last ? length : length - AHEAD;
        // Latin-1 maps each byte to one char, so offsets stay byte offsets; String.indexOf is the
        // JVM's vectorised search, several times faster than a byte loop.
        String bytesAsChars = new String(window, 0, length, StandardCharsets.ISO_8859_1);
        for (int at = bytesAsChars.indexOf(PROCESS, ownedFrom);
            at >= 0 && at < ownedTo;
            at = bytesAsChars.indexOf(PROCESS, at + 1)) {
          long offset = windowStart + at;
          matchAt(window, at, length, name -> names.read(name, offset));
        }
        if (last) {
          return;
        }
        int keepFrom = ownedTo - BEHIND;
        System.arraycopy(window, keepFrom, window, 0, length - keepFrom);
        length -= keepFrom;
        windowStart += keepFrom;
        ownedFrom = BEHIND;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Decodes the text around the "process" at {@code at} and tries the patterns there. */
  private static void matchAt(byte[] window, int at, int length, Consumer<String> names) {
    int from = Math.max(0, at - BEHIND);
    int to = Math.min(length, at + AHEAD);
    String before = utf8(window, from, at);
    String text = before + utf8(window, at, to);
    int start = before.length();
    Matcher dot = DOT.matcher(text).useTransparentBounds(true);
    if (dot.region(start, text.length()).lookingAt()) {
      accept(dot.group(1), names);
      return;
    }
    Matcher bracket = BRACKET.matcher(text).useTransparentBounds(true);
    if (bracket.region(start, text.length()).lookingAt()) {
      accept(bracket.group(2), names);
      return;
    }
    int open = destructuringStart(text, start);
    Matcher destructuring = DESTRUCTURING.matcher(text).useTransparentBounds(true);
    if (open >= 0 && destructuring.region(open, text.length()).lookingAt()) {
      destructured(destructuring.group(1), names);
    }
  }

  // Bundles are UTF-8; a stray invalid byte must not hide the names in the rest of the file
  // (new String replaces it, as the decoder with REPLACE did).
  private static String utf8(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
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
}
