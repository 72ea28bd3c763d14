package dev.slipway.installer.doctor;

import java.util.Objects;

/**
 * The verdict of one check: one line of {@code installer doctor}'s report.
 *
 * @param check the check's name, e.g. {@code node}, {@code env}
 * @param verdict ok, warn or fail
 * @param detail what was found, one line; names environment variables but never their values
 * @param fix what to do about it; null when there is nothing to do
 * @param evidence what the finding rests on, possibly several lines (the first thrown exception of a
 *     log, npm's error lines); null when there is none
 */
public record CheckResult(String check, Verdict verdict, String detail, String fix, String evidence) {
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(detail, "detail");
    fix = blankToNull(fix);
    evidence = blankToNull(evidence);
  }

  public static CheckResult ok(String check, String detail) {
    return new CheckResult(check, Verdict.OK, detail, null, null);
  }

  public static CheckResult warn(String check, String detail, String fix) {
    return new CheckResult(check, Verdict.WARN, detail, fix, null);
  }

  public static CheckResult fail(String check, String detail, String fix) {
    return new CheckResult(check, Verdict.FAIL, detail, fix, null);
  }

  public CheckResult withEvidence(String text) {
    return new CheckResult(check, verdict, detail, fix, text);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
