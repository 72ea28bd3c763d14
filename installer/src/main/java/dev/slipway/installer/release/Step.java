package dev.slipway.installer.release;

/**
 * The steps of an install (issue #3), in order; also the names history.jsonl uses for a failed step.
 * {@code adopt} is the one step an adoption has before its switch (issue #19).
 */
public enum Step {
  LOCK,
  ADOPT,
  VERIFY,
  UNPACK,
  NODE,
  ENV,
  NPM,
  SMOKE,
  SWITCH,
  RESTART,
  LIVE,
  RETENTION;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
