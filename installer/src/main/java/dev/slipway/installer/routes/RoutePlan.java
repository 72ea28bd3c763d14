package dev.slipway.installer.routes;

import dev.slipway.installer.process.Probe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the smoke start of a release asks, shared by {@code install} and {@code doctor}'s entry
 * check: the operator's {@code --health-path}s when given (each must answer 200–399, as before
 * issue #16), otherwise every route the build lists ({@link BuildRoutes}), at most {@value #CAP}.
 *
 * @param probe what the poller asks
 * @param summary what is checked, for the step line, e.g. "12 routes from the build and ..."
 * @param warning why the build's route list could not be used, when it exists but is malformed
 */
public record RoutePlan(Probe probe, String summary, Optional<String> warning) {
  /**
   * Routes checked at most: each is one request within the one smoke timeout, and a site with
   * thousands of prerendered pages must not turn an install into a crawl.
   */
  public static final int CAP = 40;

  /** @param healthPaths the operator's {@code --health-path}s; empty: every route of the build */
  public static RoutePlan of(Path release, List<String> healthPaths) {
    if (!healthPaths.isEmpty()) {
      return new RoutePlan(Probe.healthPaths(healthPaths), "--health-path " + String.join(", ", healthPaths),
          Optional.empty());
    }
    RouteList routes = BuildRoutes.discover(release, CAP);
    return new RoutePlan(Probe.everyRoute(routes.paths(), routes.index()), routes.summary(), routes.warning());
  }
}
