package dev.slipway.installer.process;

import java.time.Duration;
import java.util.Objects;

/**
 * A health path that answered.
 *
 * @param path the path, e.g. {@code /api/health}
 * @param status its HTTP status, 200–399
 * @param after how long after polling began it answered
 */
public record PathResult(String path, int status, Duration after) {
  public PathResult {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(after, "after");
    if (status < 200 || status > 399) {
      throw new IllegalArgumentException("not a healthy status: " + status);
    }
  }
}
