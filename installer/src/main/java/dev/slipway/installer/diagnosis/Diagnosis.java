package dev.slipway.installer.diagnosis;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.util.Objects;

/**
 * What the classifier concluded: a stable cause code, the explanation (first line of the failure),
 * the quoted first thrown exception (the evidence; null when the log shows none) and the fix.
 */
public record Diagnosis(String code, String explanation, String firstException, String fix) {
  public Diagnosis {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(fix, "fix");
  }

  /** The failure to throw: {@code kind} picks the exit code (NPM_FAILED, SMOKE_FAILED, ...). */
  public SlipwayException toException(FailureKind kind) {
    return new SlipwayException(kind, code, explanation, firstException, fix);
  }
}
