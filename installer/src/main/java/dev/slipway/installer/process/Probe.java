package dev.slipway.installer.process;

import java.util.List;
import java.util.Objects;

/**
 * What a smoke start asks of the started release.
 *
 * <ul>
 *   <li>{@link #healthPaths}: the operator's {@code --health-path}s; each must answer 200–399, and
 *       until the first answer a refused or unanswered request is retried (the release is still
 *       starting).
 *   <li>{@link #everyRoute}: the routes the build lists (issue #16, item 8). Once the release has
 *       answered, a route fails only on a 5xx or a dropped connection: a redirect or a 4xx is what
 *       the app chose to answer. The HTML of the first path names one asset under {@code
 *       assetPrefix} ({@code /_next/static/}), which is checked last.
 * </ul>
 *
 * @param paths the paths, in the order they are asked
 * @param everyRoute which of the two
 * @param assetPrefix with everyRoute, the prefix of the static asset to look for in the first
 *     path's HTML; empty otherwise
 */
public record Probe(List<String> paths, boolean everyRoute, String assetPrefix) {

  public Probe {
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("at least one health path is needed");
    }
    paths.forEach(HealthPoller::checkPath);
    Objects.requireNonNull(assetPrefix, "assetPrefix");
    if (!everyRoute && !assetPrefix.isEmpty()) {
      throw new IllegalArgumentException("only an every-route probe looks for a static asset");
    }
  }

  public static Probe healthPaths(List<String> paths) {
    return new Probe(paths, false, "");
  }

  /** @param index the app's index ({@code /} or the basePath): it is asked first, and its HTML names the asset */
  public static Probe everyRoute(List<String> routes, String index) {
    String base = index.equals("/") ? "" : index;
    return new Probe(routes, true, base + "/_next/static/");
  }
}
