package dev.slipway.format;

/**
 * Where an engine (packager or installer) tells what it is doing. The CLI prints one line per step (CI, no TTY) or a
 * progress bar (terminal); tests collect the calls.
 */
public interface Reporter {
  void step(String description);

  void warn(String warning);

  /** Bytes of file content done out of total, for long steps. */
  default void progress(long done, long total) {}

  Reporter SILENT =
      new Reporter() {
        @Override
        public void step(String description) {}

        @Override
        public void warn(String warning) {}
      };
}
