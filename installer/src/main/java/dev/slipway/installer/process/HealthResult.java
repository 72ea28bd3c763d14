package dev.slipway.installer.process;

import java.util.List;
import java.util.Objects;

/** How polling a started release's health paths ended. */
public sealed interface HealthResult
    permits HealthResult.Healthy,
        HealthResult.Exited,
        HealthResult.BadStatus,
        HealthResult.TimedOut {

  /** Every path answered 200–399, in order. */
  record Healthy(List<PathResult> paths) implements HealthResult {
    public Healthy {
      paths = List.copyOf(paths);
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("healthy needs at least one answered path");
      }
    }
  }

  /** The process exited before every path had answered (a crash at start, usually). */
  record Exited(int code) implements HealthResult {}

  /**
   * A path answered with a status outside 200–399.
   *
   * @param bodySnippet the start of the response body, one line, shortened; may be empty
   */
  record BadStatus(String path, int status, String bodySnippet) implements HealthResult {
    public BadStatus {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(bodySnippet, "bodySnippet");
    }
  }

  /**
   * The deadline passed before every path had answered.
   *
   * @param processAlive whether the process still ran at the deadline; {@link HealthPoller} reports
   *     a process that has exited as {@link Exited} instead, so from it this is true
   * @param lastError why the last request failed, e.g. {@code GET /: connection refused}
   */
  record TimedOut(boolean processAlive, String lastError) implements HealthResult {
    public TimedOut {
      Objects.requireNonNull(lastError, "lastError");
    }
  }
}
