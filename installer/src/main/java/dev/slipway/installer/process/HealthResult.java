package dev.slipway.installer.process;

import java.util.List;
import java.util.Objects;

/** How polling a started release's health paths ended. */
public sealed interface HealthResult
    permits HealthResult.Healthy,
        HealthResult.Exited,
        HealthResult.BadStatus,
        HealthResult.Dropped,
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

  /**
   * The process exited before every path had answered (a crash at start, usually).
   *
   * @param during the route being asked when it exited, after the release had answered others;
   *     null when it never answered
   */
  record Exited(int code, String during) implements HealthResult {
    public Exited(int code) {
      this(code, null);
    }
  }

  /**
   * A route of the build got no answer after the release had answered (issue #16, item 8): the
   * connection was refused or dropped, and the process still runs.
   *
   * @param error what the request met, e.g. {@code GET /blog: connection reset}
   */
  record Dropped(String path, String error) implements HealthResult {
    public Dropped {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(error, "error");
    }
  }

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
