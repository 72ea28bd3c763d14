package dev.slipway.installer.doctor;

/** How one check of {@code installer doctor} came out. Only {@link #FAIL} makes the doctor exit non-zero. */
public enum Verdict {
  /** Nothing wrong found. */
  OK("ok"),
  /** Worth a look, but not known to break the site (an optional variable, an old exception in a log). */
  WARN("warn"),
  /** Known to break the site, or the check could not tell that it does not. */
  FAIL("FAIL");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** As printed at the start of a verdict line: {@code ok}, {@code warn}, {@code FAIL}. */
  public String label() {
    return label;
  }
}
