package dev.slipway.packager;

import java.util.Set;

/**
 * What {@code next build} leaves in {@code .next} that production never reads (issue #2). Shipping
 * it only makes archives larger, and {@code cache/} can hold hundreds of megabytes.
 */
final class NextBuildLeftovers {
  /**
   * Top-level names under .next: build cache, traces, generated TS types, diagnostics, turbopack's
   * cache, and {@code standalone/}: a complete standalone tree is packaged as the release itself
   * ({@link StandaloneBuild}), and an incomplete one is never read by the server (issue #18).
   */
  private static final Set<String> EXCLUDED_UNDER_NEXT =
      Set.of("cache", "trace", "trace-build", "types", "diagnostics", "turbopack", "standalone");
  /**
   * Deeper folders that only a running server writes (issue #16, item 7): `next start` (Next 16)
   * caches rendered pages and route answers in .next/server/route-cache, so a project started
   * before packaging would ship a stale 404, say. Package only what the build wrote.
   */
  private static final Set<String> RUN_TIME_CACHES = Set.of(".next/server/route-cache");

  private NextBuildLeftovers() {}

  /** @param path relative to the project, with '/' separators */
  static boolean excluded(String path) {
    if (path.equals("node_modules") || path.startsWith("node_modules/") || path.contains("/node_modules/")
        || path.endsWith("/node_modules")) {
      // Dependencies are installed on the server by `npm ci --omit=dev`, never shipped
      // (this also keeps a standalone output's node_modules copy out).
      return true;
    }
    return buildLeftover(path);
  }

  /**
   * The leftovers under {@code .next/} alone: what a standalone build's tree is walked with, whose
   * traced {@code node_modules/} is shipped (issue #18).
   *
   * @param path relative to the project (or to {@code .next/standalone}), with '/' separators
   */
  static boolean buildLeftover(String path) {
    if (!path.startsWith(".next/")) {
      return false;
    }
    for (String cache : RUN_TIME_CACHES) {
      if (path.equals(cache) || path.startsWith(cache + "/")) {
        return true;
      }
    }
    String rest = path.substring(".next/".length());
    int slash = rest.indexOf('/');
    String top = slash < 0 ? rest : rest.substring(0, slash);
    return EXCLUDED_UNDER_NEXT.contains(top);
  }
}
