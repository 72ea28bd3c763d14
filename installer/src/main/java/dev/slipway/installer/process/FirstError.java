package dev.slipway.installer.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the first thrown exception in a Node or npm log: the evidence shown under a failure.
 *
 * <p>The first one, because the later ones are usually consequences (a missing variable makes
 * config loading throw, and then every request fails). Recognised:
 *
 * <ul>
 *   <li>Node's report of an uncaught exception: a line such as {@code Error: boom}, {@code
 *       TypeError: x is not a function}, {@code Error [ERR_MODULE_NOT_FOUND]: ...}, {@code
 *       UnhandledPromiseRejection: ...} (also with Next.js' {@code ⨯ } prefix or in brackets, as
 *       Next 15 logs errors), {@code Uncaught ...} or V8's {@code FATAL ERROR: ...}; the block is
 *       that line, the lines continuing its message (e.g. {@code Require stack:}), and the first
 *       stack frame ({@code at ...}).
 *   <li>npm's error report, lines starting {@code npm error} (npm 10+) or {@code npm ERR!} (older):
 *       up to {@value #NPM_LINES} of them, without blank ones, the pointer to the debug log, stack
 *       frames after the first, or the usage text npm appends to usage errors.
 * </ul>
 *
 * <p>The log is read as a stream and the search stops at the end of the first block; lines are cut
 * at {@value #MAX_LINE} characters.
 */
public final class FirstError {

  static final int MAX_LINE = 400;
  static final int NPM_LINES = 10;

  /** Lines continuing an error's message before its first stack frame, at most. */
  private static final int CONTINUATION_LINES = 6;

  private static final Pattern NODE_ERROR =
      Pattern.compile(
          "^\\s*(?:[⨯✖×]\\s*)?\\[?(?:\\w*(?:Error|Exception|Rejection))(?:\\s\\[\\w+\\])?:.*"
              + "|^\\s*Uncaught\\b.*"
              + "|^\\s*FATAL ERROR\\b.*");
  private static final Pattern NPM_ERROR = Pattern.compile("^npm (?:ERR!|error)(?:\\s|$).*");
  private static final Pattern NPM_PREFIX = Pattern.compile("^npm (?:ERR!|error) ?");
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S.*");

  /** Colours, should the app force them (FORCE_COLOR) into a non-terminal. */
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

  private FirstError() {}

  /** The first error block of {@code log}; empty when none is found or the file cannot be read. */
  public static Optional<String> extract(Path log) {
    return extract(log, 0);
  }

  /**
   * The first error block of {@code log} at or after byte {@code fromByte}: the part written by one
   * run of a command that appends to a log kept across runs.
   */
  public static Optional<String> extract(Path log, long fromByte) {
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(fromByte, Files.size(log)));
      // The decoder replaces malformed input; a log cut in the middle of a character is fine.
      return extract(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty(); // evidence is best effort; the failure itself is reported anyway
    }
  }

  /** The first error block of {@code text}. */
  public static Optional<String> extract(String text) {
    try {
      return extract(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  static Optional<String> extract(Reader reader) throws IOException {
    BoundedLineReader lines = new BoundedLineReader(reader, MAX_LINE);
    for (String line = next(lines); line != null; line = next(lines)) {
      if (NPM_ERROR.matcher(line).matches()) {
        return Optional.of(npmBlock(line, lines));
      }
      if (NODE_ERROR.matcher(line).matches()) {
        return Optional.of(nodeBlock(line, lines));
      }
    }
    return Optional.empty();
  }

  private static String nodeBlock(String first, BoundedLineReader lines) throws IOException {
    List<String> continuation = new ArrayList<>();
    for (String line = next(lines); line != null && !line.isBlank(); line = next(lines)) {
      if (STACK_FRAME.matcher(line).matches()) {
        List<String> block = new ArrayList<>(List.of(first.strip()));
        block.addAll(continuation);
        block.add("    " + line.strip());
        return String.join("\n", block);
      }
      if (continuation.size() == CONTINUATION_LINES || NODE_ERROR.matcher(line).matches()) {
        break;
      }
      continuation.add(line);
    }
    // No stack frame follows: the lines after it were unrelated output, not part of the message.
    return first.strip();
  }

  private static String npmBlock(String first, BoundedLineReader lines) throws IOException {
    List<String> block = new ArrayList<>();
    boolean sawFrame = false;
    for (String line = first;
        line != null && NPM_ERROR.matcher(line).matches();
        line = next(lines)) {
      String content = NPM_PREFIX.matcher(line).replaceFirst("");
      if (content.strip().equals("Usage:")) {
        break; // npm prints the command's whole help after a usage error
      }
      if (content.isBlank()
          || content.contains("A complete log of this run")
          || content.matches("\\s*\\S*_logs\\S*debug\\S*\\.log")) {
        continue;
      }
      boolean frame = STACK_FRAME.matcher(content).matches();
      if (frame && sawFrame) {
        continue;
      }
      sawFrame |= frame;
      block.add(line);
      if (block.size() == NPM_LINES) {
        break;
      }
    }
    return String.join("\n", block);
  }

  private static String next(BoundedLineReader lines) throws IOException {
    String line = lines.readLine();
    return line == null ? null : ANSI.matcher(line).replaceAll("");
  }
}
