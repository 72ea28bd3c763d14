package dev.slipway.installer.process;

import java.time.Duration;
import java.util.Objects;

/**
 * A health path or route that answered as it should.
 *
 * @param path the path, e.g. {@code /api/health}
 * @param status its HTTP status: 200–399 for a health path; for a route of the build a 4xx too,
 *     which is what the app chose to answer (issue #16, item 8)
 * @param after how long after polling began it answered
 */
public record PathResult(String path, int status, Duration after) {
  public PathResult {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(after, "after");
    if (status < 200 || status > 499) {
      throw new IllegalArgumentException("not a healthy status: " + status);
    }
  }
}
