package dev.slipway.installer.diagnosis;

/** Which process wrote the log being classified: it selects the signatures that apply. */
public enum Source {
  /** {@code npm ci --omit=dev} in the release folder. */
  NPM,
  /** The release itself: the smoke start, or the restart after the switch. */
  APP
}
