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
      for (String line : failure.evidence().strip().split("\\R")) {
        lines.add("  " + line);
      }
    }
    if (failure.fix() != null && !failure.fix().isBlank()) {
      lines.add("fix: " + oneLine(failure.fix()));
    }
    return lines;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
