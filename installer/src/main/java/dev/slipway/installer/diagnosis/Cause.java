package dev.slipway.installer.diagnosis;

import java.util.Objects;

/** A cause as the data file words it: a stable code, what went wrong, what to do about it. */
public record Cause(String code, String explanation, String fix) {
  public Cause {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(fix, "fix");
  }
}
