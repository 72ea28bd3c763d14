package dev.slipway.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The wording of a failure on stderr, the same for every command (issue #5): the cause code and
 * what is wrong on the first line, the evidence (first thrown exception, offending entry) on the
 * second, the fix on the third.
 */
public final class FailureText {
  private FailureText() {}

  public static List<String> lines(SlipwayException failure) {
    List<String> lines = new ArrayList<>();
    lines.add("error: " + failure.causeCode() + ": " + oneLine(failure.getMessage()));
    if (failure.evidence() != null && !failure.evidence().isBlank()) {
      // Evidence quotes logs and archives (issue #20): each line is escaped, so an OSC sequence or
      // a carriage return in a child's output cannot act on the terminal or overwrite a line.
      for (String line : failure.evidence().strip().split("\r?\n")) {
        lines.add("  " + TerminalText.escape(line));
      }
    }
    if (failure.fix() != null && !failure.fix().isBlank()) {
      lines.add("fix: " + oneLine(failure.fix()));
    }
    return lines;
  }

  /**
   * Prints a failure the way both command lines do: the lines above on stderr (with the stack
   * trace for an internal error), and with {@code --json} one object on stdout as well.
   */
  public static void report(SlipwayException failure, Throwable original, java.io.PrintWriter err, java.io.PrintWriter out, boolean json) {
    lines(failure).forEach(err::println);
    if (failure.kind() == FailureKind.INTERNAL && original != null) {
      original.printStackTrace(err);
    }
    err.flush();
    if (json) {
      java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
      object.put("ok", false);
      object.put("exitCode", failure.kind().exitCode());
      object.put("cause", failure.causeCode());
      object.put("message", failure.getMessage());
      object.put("evidence", failure.evidence());
      object.put("fix", failure.fix());
      out.println(Json.line(object));
      out.flush();
    }
  }

  /**
   * An escaping exception as the failure to report: a full disk or a file the file system refused
   * is the host's ({@link LocalIoFailure}); anything else that is not a {@link SlipwayException} is
   * a bug in Slipway.
   */
  public static SlipwayException asFailure(Throwable e) {
    if (e instanceof SlipwayException s) {
      return s;
    }
    return LocalIoFailure.of(e).orElseGet(() -> new SlipwayException(FailureKind.INTERNAL, "INTERNAL", String.valueOf(e), null,
        "this is a bug in Slipway; please report it with this output"));
  }

  private static String oneLine(String text) {
    return TerminalText.escape(text.replaceAll("\\s*\\R\\s*", " ").strip());
  }
}
