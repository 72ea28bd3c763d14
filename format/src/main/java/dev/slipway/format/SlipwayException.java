package dev.slipway.format;

import java.util.Objects;

/**
 * A refusal that the user can act on. Printed as (issue #5):
 *
 * <pre>
 * error: CAUSE_CODE: what is wrong, and what to do   (first line of stderr, always)
 *   evidence                                          (optional: the first thrown exception, the offending entry)
 * fix: what to do                                     (optional)
 * </pre>
 *
 * <p>{@link #kind()} chooses the exit code; {@link #cause()} is a short stable code that scripts
 * and tests may match on; the message never contains a secret's value.
 */
public final class SlipwayException extends RuntimeException {
  private final FailureKind kind;
  private final String causeCode;
  private final String evidence;
  private final String fix;

  public SlipwayException(FailureKind kind, String causeCode, String message, String evidence, String fix) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.causeCode = Objects.requireNonNull(causeCode, "causeCode");
    this.evidence = evidence;
    this.fix = fix;
  }

  public SlipwayException(FailureKind kind, String causeCode, String message) {
    this(kind, causeCode, message, null, null);
  }

  public FailureKind kind() {
    return kind;
  }

  /** Short stable code such as {@code NO_LOCKFILE} or {@code ENV_MISSING}. */
  public String causeCode() {
    return causeCode;
  }

  /** The quoted first thrown exception or the offending entry; may be null. */
  public String evidence() {
    return evidence;
  }

  /** What to do about it; may be null. */
  public String fix() {
    return fix;
  }

  /** Same failure with evidence attached (the first thrown exception found in a log, say). */
  public SlipwayException withEvidence(String newEvidence) {
    SlipwayException copy = new SlipwayException(kind, causeCode, getMessage(), newEvidence, fix);
    copy.initCause(getCause());
    return copy;
  }
}
