package dev.slipway.format;

import java.util.Optional;

/**
 * The rules one {@link Manifest.Link} obeys (issue #16). Turbopack writes its links in {@code
 * .next/node_modules/} only, each pointing up and into the app's {@code node_modules/}; nothing
 * else is accepted, so a link can never make the installer write or read outside the release.
 *
 * <p>A target is relative: {@code ../} segments first, then plain names ({@link ArchivePaths}'
 * rules), with no {@code ..} after a name. A {@code ..} after a name is resolved by the operating
 * system against where that name's own link points, not lexically, so it could leave the release
 * however it reads on paper. Resolved against the link's folder, the target must land in the
 * release's {@code node_modules/}, on a package or inside one.
 */
final class LinkRules {
  /** The only folder links may be in. */
  static final String LINK_FOLDER = ".next/node_modules/";
  /** Where every target lands: the dependencies {@code npm ci} installs. */
  static final String DEPENDENCIES = "node_modules/";

  private LinkRules() {}

  static void check(String path, String target) {
    Optional<String> why = pathProblem(path);
    if (why.isEmpty()) {
      why = targetProblem(path, target);
    }
    why.ifPresent(problem -> {
      throw new LinkRefusal(LinkRefusal.UNSAFE_LINK, path, target, problem);
    });
  }

  private static Optional<String> pathProblem(String path) {
    Optional<String> unsafe = ArchivePaths.problem(path);
    if (unsafe.isPresent()) {
      return unsafe;
    }
    if (!path.startsWith(LINK_FOLDER)) {
      return Optional.of("a link must be inside " + LINK_FOLDER + " (the only place Turbopack writes links)");
    }
    return Optional.empty();
  }

  private static Optional<String> targetProblem(String path, String target) {
    if (target == null || target.isEmpty()) {
      return Optional.of("empty target");
    }
    int ups = leadingUps(target);
    // What follows the leading '../' obeys the archive's path rules: relative, no backslash or
    // drive letter, and no '.' or '..' segment.
    Optional<String> rest = ArchivePaths.problem(target.substring(3 * ups));
    if (rest.isPresent()) {
      String why = rest.get();
      return Optional.of("target: " + why + (why.endsWith("' segment") ? " (only leading '../' segments are allowed)" : ""));
    }
    if (ups > depth(path)) {
      return Optional.of("target leaves the release");
    }
    String resolved = resolve(path, target);
    Optional<String> unsafe = ArchivePaths.problem(resolved);
    if (unsafe.isPresent()) {
      return Optional.of("target resolves to an unsafe path: " + unsafe.get());
    }
    if (packageEnd(resolved) < 0) {
      return Optional.of("target resolves to '" + ArchivePaths.printable(resolved)
          + "', outside the release's " + DEPENDENCIES + " (a link must point at an installed package)");
    }
    return Optional.empty();
  }

  /** The target of a valid link resolved inside the release. */
  static String resolve(String path, String target) {
    int ups = leadingUps(target);
    int end = path.lastIndexOf('/'); // the link's folder
    for (int i = 0; i < ups && end >= 0; i++) {
      end = path.lastIndexOf('/', end - 1);
    }
    String rest = target.substring(3 * ups);
    return end < 0 ? rest : path.substring(0, end + 1) + rest;
  }

  /** {@code node-cron} for {@code node_modules/node-cron/lib}, {@code @scope/pkg} for {@code node_modules/@scope/pkg}. */
  static String packageName(String resolved) {
    return resolved.substring(DEPENDENCIES.length(), packageEnd(resolved));
  }

  /** Where the package name ends in {@code resolved}, or -1 when it is not inside the release's node_modules. */
  private static int packageEnd(String resolved) {
    if (!resolved.startsWith(DEPENDENCIES) || resolved.length() == DEPENDENCIES.length()) {
      return -1;
    }
    int end = resolved.indexOf('/', DEPENDENCIES.length());
    if (resolved.charAt(DEPENDENCIES.length()) == '@') {
      if (end < 0) {
        return -1; // a scope is no package
      }
      end = resolved.indexOf('/', end + 1);
    }
    return end < 0 ? resolved.length() : end;
  }

  private static int leadingUps(String target) {
    int ups = 0;
    while (target.startsWith("../", 3 * ups)) {
      ups++;
    }
    return ups;
  }

  /** How many folders the link's folder is below the release's root. */
  private static int depth(String path) {
    int depth = 0;
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      depth++;
    }
    return depth;
  }
}
