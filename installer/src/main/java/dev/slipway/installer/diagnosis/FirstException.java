package dev.slipway.installer.diagnosis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the first thrown exception in a captured log and quotes it as a short block.
 *
 * <p>A block starts at the first line that looks like a thrown error:
 *
 * <ul>
 *   <li>node: {@code Error: ...}, {@code TypeError [ERR_X]: ...}, {@code PrismaClientInitializationError: ...},
 *       also behind Next.js's {@code ⨯ } or {@code - error } marks and {@code unhandledRejection:};
 *       node's {@code [UnhandledPromiseRejection: ...]} for a promise rejected with a non-Error;
 *   <li>V8: {@code FATAL ERROR: ...} (quoted alone: its stack is native, not JavaScript);
 *   <li>npm: {@code npm error ...} or {@code npm ERR! ...} (npm 9 and older).
 * </ul>
 *
 * <p>A node block is that line, up to {@value #MAX_MESSAGE_LINES} more lines of its message (until
 * a blank line) and its first stack frame ({@code "    at ..."}). An npm block is the run of
 * consecutive {@code npm error} lines, at most {@value #MAX_NPM_LINES}, without the bare
 * {@code npm error} separators, the "complete log" pointer, stack frames after the first, the
 * properties npm dumps after a stack, and the usage text npm appends to {@code EUSAGE}.
 *
 * <p>Only the first {@link LogText#MAX_CHARS} characters of a log are read, the scan stops at the
 * first block, each quoted line is cut at {@value #MAX_LINE} characters, terminal escape codes are
 * removed, and a password in a URL ({@code scheme://user:password@host}) is masked.
 */
public final class FirstException {
  static final int MAX_LINE = 300;
  static final int MAX_MESSAGE_LINES = 5;
  static final int MAX_NPM_LINES = 8;
  /** How far below a header the first stack frame is looked for. */
  private static final int FRAME_SEARCH = 40;
  /** How far above a matched line its exception header is looked for. */
  private static final int HEADER_SEARCH = 30;

  static final Pattern NODE_HEADER = Pattern.compile(
      "^\\s*(?:⨯\\s*|- error\\s+)?(?:(?:unhandledRejection|uncaughtException):?\\s+)?(?:Uncaught\\s+)?\\[?"
          + "(?:(?:[A-Z][\\w$]*)?Error(?: \\[[A-Z][A-Z0-9_]*\\])?|UnhandledPromiseRejection):");
  static final Pattern FATAL = Pattern.compile("^\\s*FATAL ERROR\\b");
  static final Pattern NPM_ERROR = Pattern.compile("^npm (?:ERR!|error)(?: |$)");
  private static final Pattern NPM_BARE = Pattern.compile("^npm (?:ERR!|error)(?: network)?\\s*$");
  /** npm 10+ names the debug log on the pointer's line; older npm on the next one. */
  private static final Pattern NPM_LOG_POINTER =
      Pattern.compile("A complete log of this run can be found in|^npm (?:ERR!|error)\\s+\\S*_logs\\S*debug\\S*\\.log\\s*$");
  private static final Pattern NPM_FRAME = Pattern.compile("^npm (?:ERR!|error)\\s+at \\S");
  private static final Pattern NPM_USAGE = Pattern.compile("^npm (?:ERR!|error) Usage:\\s*$");
  private static final Pattern NPM_DUMP_END = Pattern.compile("^npm (?:ERR!|error) \\}\\s*$");
  static final Pattern FRAME = Pattern.compile("^\\s+at \\S");
  private static final Pattern NODE_VERSION_TRAILER = Pattern.compile("^Node\\.js v\\d");
  private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/:@]*:)[^\\s/@]+@");

  private FirstException() {}

  /** The first thrown exception in the log, quoted; null when the log shows none. */
  public static String extract(String logText) {
    return first(LogText.of(logText));
  }

  /** Same as {@link #extract(String)} for a log file, of which only the first 2 MB are read. */
  public static String extract(Path log) throws IOException {
    return first(LogText.read(log));
  }

  /**
   * The first thrown exception in what one run wrote to {@code log}, from byte {@code fromByte} on:
   * the evidence under a failed {@code npm ci} or smoke-start. Empty when the log shows none or
   * cannot be read: evidence is best effort, the failure itself is reported anyway.
   */
  public static Optional<String> inLog(Path log, long fromByte) {
    try {
      return Optional.ofNullable(first(LogText.read(log, fromByte)));
    } catch (IOException | UncheckedIOException unreadable) {
      return Optional.empty();
    }
  }

  static String first(LogText log) {
    for (int i = 0; i < log.size(); i++) {
      String line = log.line(i);
      if (NPM_ERROR.matcher(line).find()) {
        String block = join(log, npmBlock(log, i));
        if (block != null) {
          return block;
        }
        continue; // a run of nothing but separators and the log pointer
      }
      if (isHeader(line)) {
        return join(log, nodeBlock(log, i));
      }
    }
    return null;
  }

  /**
   * The evidence for a signature that matched at {@code matchLine}: the exception that line belongs
   * to, with the matched line itself added when the block does not already show it. That is the
   * npm error run holding the line; else the node block of the nearest exception line at most
   * {@value #HEADER_SEARCH} lines above (not past the end of an earlier exception's dump), so a
   * match on {@code code: 'ERR_DLOPEN_FAILED'} quotes its {@code Error:} line and first frame; else
   * the matched line as a block of its own, followed by the exception printed right after it (node)
   * or by npm's error run (npm).
   */
  static String around(LogText log, int matchLine, Source source) {
    if (NPM_ERROR.matcher(log.line(matchLine)).find()) {
      int start = matchLine;
      while (start > 0 && NPM_ERROR.matcher(log.line(start - 1)).find()) {
        start--;
      }
      return join(log, withLine(log, npmBlock(log, start), matchLine));
    }
    int header = headerAbove(log, matchLine);
    if (header >= 0) {
      return join(log, withLine(log, nodeBlock(log, header), matchLine));
    }
    List<Integer> block = nodeBlock(log, matchLine);
    if (block.stream().noneMatch(i -> FRAME.matcher(log.line(i)).find())) {
      // A message printed before the exception it explains (❌ Invalid environment variables: {...}
      // then Error: Invalid environment variables): quote that exception too.
      int next = nextNonBlank(log, block.get(block.size() - 1) + 1, 3);
      if (next >= 0 && isHeader(log.line(next))) {
        block.addAll(nodeBlock(log, next));
      }
    }
    if (source == Source.NPM) {
      // A lifecycle script's output (sh: husky: not found) is followed by npm's own error block.
      for (int i = matchLine + 1; i < Math.min(log.size(), matchLine + 10); i++) {
        if (NPM_ERROR.matcher(log.line(i)).find()) {
          block = new ArrayList<>(block);
          block.addAll(npmBlock(log, i));
          break;
        }
      }
    }
    return join(log, withLine(log, block, matchLine));
  }

  private static int nextNonBlank(LogText log, int from, int within) {
    for (int i = from; i < log.size() && i < from + within; i++) {
      if (!log.line(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  static boolean isHeader(String line) {
    return NODE_HEADER.matcher(line).find() || FATAL.matcher(line).find();
  }

  private static int headerAbove(LogText log, int matchLine) {
    for (int i = matchLine; i >= 0 && i >= matchLine - HEADER_SEARCH; i--) {
      String line = log.line(i);
      if (isHeader(line)) {
        return i;
      }
      if (i < matchLine && (NODE_VERSION_TRAILER.matcher(line).find() || line.equals("}"))) {
        return -1; // the end of an earlier exception's dump: the match is not part of it
      }
    }
    return -1;
  }

  /** Line indexes of a node block starting at {@code start}. */
  private static List<Integer> nodeBlock(LogText log, int start) {
    List<Integer> block = new ArrayList<>(List.of(start));
    if (FATAL.matcher(log.line(start)).find()) {
      return block;
    }
    boolean message = true;
    int messageLines = 0;
    for (int i = start + 1; i < log.size() && i <= start + FRAME_SEARCH; i++) {
      String line = log.line(i);
      if (FRAME.matcher(line).find()) {
        block.add(i);
        break;
      }
      if (isHeader(line) || NPM_ERROR.matcher(line).find() || NODE_VERSION_TRAILER.matcher(line).find()) {
        break;
      }
      if (line.isBlank()) {
        message = false;
      } else if (message && messageLines < MAX_MESSAGE_LINES) {
        block.add(i);
        messageLines++;
      }
    }
    return block;
  }

  /** Line indexes of an npm block starting at {@code start}. */
  private static List<Integer> npmBlock(LogText log, int start) {
    List<Integer> block = new ArrayList<>();
    int paragraphStart = 0;
    int previousParagraphStart = 0;
    boolean seenFrame = false;
    boolean inDump = false;
    for (int i = start; i < log.size() && NPM_ERROR.matcher(log.line(i)).find(); i++) {
      String line = log.line(i);
      if (inDump) {
        inDump = !NPM_DUMP_END.matcher(line).find();
        continue;
      }
      if (NPM_BARE.matcher(line).find()) {
        if (block.size() > paragraphStart) {
          previousParagraphStart = paragraphStart;
          paragraphStart = block.size();
        }
        continue;
      }
      if (NPM_LOG_POINTER.matcher(line).find()) {
        continue;
      }
      if (NPM_USAGE.matcher(line).find()) {
        // EUSAGE appends the command's help: a one-line description, then "Usage:" and the options.
        int description = block.size() > paragraphStart ? paragraphStart : previousParagraphStart;
        block.subList(description, block.size()).clear();
        break;
      }
      if (NPM_FRAME.matcher(line).find()) {
        inDump = line.stripTrailing().endsWith("{");
        if (seenFrame) {
          continue;
        }
        seenFrame = true;
      }
      if (block.size() < MAX_NPM_LINES) {
        block.add(i);
      }
    }
    return block;
  }

  private static List<Integer> withLine(LogText log, List<Integer> block, int line) {
    TreeSet<Integer> lines = new TreeSet<>(block);
    if (!log.line(line).isBlank()) {
      lines.add(line);
    }
    return new ArrayList<>(lines);
  }

  private static String join(LogText log, List<Integer> block) {
    if (block.isEmpty()) {
      return null;
    }
    StringBuilder quoted = new StringBuilder();
    for (int index : block) {
      if (quoted.length() > 0) {
        quoted.append('\n');
      }
      quoted.append(clean(log.line(index)));
    }
    return quoted.toString();
  }

  /** One quoted line: trailing blanks dropped, a URL's password masked, cut at {@value #MAX_LINE} characters. */
  static String clean(String line) {
    String masked = maskPassword(line.stripTrailing());
    return masked.length() <= MAX_LINE ? masked : masked.substring(0, MAX_LINE) + "…";
  }

  /** {@code postgres://shop:s3cret@db/shop} becomes {@code postgres://shop:***@db/shop}. */
  static String maskPassword(String text) {
    return URL_PASSWORD.matcher(text).replaceAll("$1***@");
  }
}
