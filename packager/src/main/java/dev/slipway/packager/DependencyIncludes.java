package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;

/**
 * What {@code --include} does with a path in a {@code node_modules} folder (issue #16): it used to
 * be dropped without a word, the never-node_modules rule winning, so a user who tried {@code
 * --include .next/node_modules} to fix a Turbopack release got the same broken release.
 */
final class DependencyIncludes {
  private DependencyIncludes() {}

  /**
   * True for {@code .next/node_modules} and what is in it: Turbopack's links there ship by default
   * ({@link TurbopackLinks}), so the include has nothing left to add. Any other path in a {@code
   * node_modules} folder is refused: dependencies are installed on the server, never shipped.
   *
   * @param relative the include as a path relative to the project, '/'-separated
   */
  static boolean shippedByDefault(String include, String relative) {
    if (relative.equals(TurbopackLinks.FOLDER) || relative.startsWith(TurbopackLinks.FOLDER + "/")) {
      return true;
    }
    if (("/" + relative + "/").contains("/node_modules/")) {
      throw new SlipwayException(
          FailureKind.USAGE, "BAD_INCLUDE",
          "--include " + include + " names dependencies, which are never shipped: the server installs them with npm ci --omit=dev from the lockfile",
          null,
          "remove it from --include (or slipway.json); a package the app needs at run time belongs in \"dependencies\" in package.json");
    }
    return false;
  }
}
