package dev.slipway.installer.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes a smoke start checks when no health path is given (issue #16, item 8).
 *
 * @param paths request paths, the index ({@code /}, or the basePath) first, then the others
 *     sorted; never empty
 * @param fromBuild whether they come from the build's manifests (false: the fallback {@code /})
 * @param skipped routes the build lists beyond the cap, not checked
 * @param warning why the manifests were not used, when they exist but cannot be read
 */
public record RouteList(List<String> paths, boolean fromBuild, int skipped, Optional<String> warning) {

  public RouteList {
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a route list holds at least the index");
    }
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped " + skipped + " is negative");
    }
  }

  static RouteList fallback(Optional<String> warning) {
    return new RouteList(List.of("/"), false, 0, warning);
  }

  /** The index first (it is where the app answers first, and whose HTML names a static asset), then the others, capped. */
  static RouteList of(String index, List<String> sorted, int cap) {
    List<String> all = new ArrayList<>();
    all.add(index);
    sorted.stream().filter(p -> !p.equals(index)).distinct().forEach(all::add);
    int skipped = Math.max(0, all.size() - cap);
    return new RouteList(all.subList(0, Math.min(cap, all.size())), true, skipped, Optional.empty());
  }

  /** The index page, whose HTML names the {@code /_next/static} asset that is checked too. */
  public String index() {
    return paths.get(0);
  }

  /** One line for the step output, e.g. "12 routes from the build" or "40 of 57 routes ...". */
  public String summary() {
    if (!fromBuild) {
      return "/ (the build lists no routes)";
    }
    int total = paths.size() + skipped;
    String counted = skipped == 0
        ? paths.size() + " route" + (paths.size() == 1 ? "" : "s") + " from the build"
        : paths.size() + " of the build's " + total + " routes (the other " + skipped + " are skipped: at most "
            + paths.size() + " are checked)";
    return counted + " and one /_next/static asset that " + index() + " references";
  }
}
