package dev.slipway.installer.preflight;

import dev.slipway.format.FailureKind;
import dev.slipway.format.NpmRange;
import dev.slipway.format.SlipwayException;
import java.util.Objects;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Whether this host's Node.js may run the release: it must satisfy the app's {@code engines.node}
 * and have the major version the release was built with.
 *
 * <p>Why the major too, when engines.node often allows several: the release was built and tested
 * with one major, and between majors Node changes what apps depend on without noticing (OpenSSL 3
 * and its refused legacy algorithms in 17, fetch in 18, the module loader). "Server updated, app
 * now fails at start" is the classic 500.1002. The check can be waived for the major only;
 * engines.node is the app's own statement and is never waived.
 */
public final class NodePreflight {

  private NodePreflight() {}

  /**
   * Checks {@code host} against the release.
   *
   * @param enginesNodeRange {@code engines.node} of the release's package.json; null or blank if it
   *     declares none
   * @param buildNodeVersion the Node.js version the release was built with, e.g. {@code 20.11.1} (a
   *     leading v is accepted)
   * @param allowMajorMismatch waives the major check
   * @return a warning to show when a major mismatch was waived
   * @throws SlipwayException NODE_PREFLIGHT: NODE_ENGINES_INVALID, NODE_ENGINES_MISMATCH or
   *     NODE_MAJOR_MISMATCH
   */
  public static Optional<String> check(
      NodeRuntime host,
      String enginesNodeRange,
      String buildNodeVersion,
      boolean allowMajorMismatch) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(buildNodeVersion, "buildNodeVersion");
    Semver built = Semver.parse(buildNodeVersion.strip());
    if (built == null) {
      throw new IllegalArgumentException("not a Node.js version: " + buildNodeVersion);
    }
    Semver running = Semver.parse(host.version());
    String evidence =
        "this host: Node.js "
            + host.describe()
            + "\nbuilt with: Node.js "
            + built.getVersion()
            + "\nengines.node: "
            + (isBlank(enginesNodeRange) ? "(not set)" : "\"" + enginesNodeRange + "\"");

    if (!isBlank(enginesNodeRange)) {
      NpmRange range;
      try {
        range = NpmRange.parseStrictly(enginesNodeRange);
      } catch (IllegalArgumentException e) {
        throw new SlipwayException(
            FailureKind.NODE_PREFLIGHT,
            "NODE_ENGINES_INVALID",
            "engines.node \""
                + enginesNodeRange
                + "\" in the release's package.json is not a valid semver range ("
                + e.getMessage()
                + "); correct it and build a new archive",
            evidence,
            "write it as npm understands it, e.g. \">="
                + built.getMajor()
                + " <"
                + (built.getMajor() + 1)
                + "\" or \""
                + built.getMajor()
                + ".x\"");
      }
      if (!range.isSatisfiedByIncludingPrereleases(running.getVersion())) {
        throw new SlipwayException(
            FailureKind.NODE_PREFLIGHT,
            "NODE_ENGINES_MISMATCH",
            "Node.js "
                + host.version()
                + " on this host does not satisfy engines.node \""
                + enginesNodeRange
                + "\" of the release (built with Node.js "
                + built.getVersion()
                + "); install a matching Node.js",
            evidence,
            "install a Node.js that satisfies \""
                + enginesNodeRange
                + "\", preferably "
                + built.getMajor()
                + ".x: the release was built with "
                + built.getVersion());
      }
    }

    if (running.getMajor() != built.getMajor()) {
      String mismatch =
          "Node.js "
              + host.version()
              + " on this host is not the major version the release was built with ("
              + built.getVersion()
              + ")";
      if (allowMajorMismatch) {
        return Optional.of(mismatch + "; going ahead because the major-version check was waived");
      }
      throw new SlipwayException(
          FailureKind.NODE_PREFLIGHT,
          "NODE_MAJOR_MISMATCH",
          mismatch
              + (isBlank(enginesNodeRange)
                  ? ""
                  : ", though it satisfies engines.node \"" + enginesNodeRange + "\"")
              + "; install Node.js "
              + built.getMajor()
              + ".x or rebuild the archive with Node.js "
              + running.getMajor(),
          evidence,
          "install Node.js "
              + built.getMajor()
              + ".x (the release was built with "
              + built.getVersion()
              + ") or rebuild the archive with this host's Node.js "
              + host.version()
              + "; or waive the major-version check if the app is known to work on Node.js "
              + running.getMajor());
    }
    return Optional.empty();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
