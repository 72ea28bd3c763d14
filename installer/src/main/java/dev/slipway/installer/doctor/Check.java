package dev.slipway.installer.doctor;

import java.io.IOException;

/**
 * One item of the 500.1002 checklist, run against the live release. A check reads the release and
 * may start short-lived processes in it (which it always stops), but never writes into it.
 */
public interface Check {
  /** The name shown in the report, e.g. {@code node}, {@code native-modules}. */
  String name();

  /**
   * Runs the check. What is wrong with the release is a verdict, not an exception; an exception
   * means the check itself could not run (the {@link Doctor} reports that as a failure of this check).
   *
   * @throws InterruptedException if interrupted; every process the check started has been stopped
   */
  CheckResult run(LiveRelease release) throws IOException, InterruptedException;
}
