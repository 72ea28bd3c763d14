package dev.slipway.installer.diagnosis;

import java.util.regex.Pattern;

/**
 * The npm package behind a module a log says is missing, for {@code MODULE_MISSING}: whether it
 * is a dependency, a devDependency or no package at all decides the cause the classifier names.
 */
final class ModuleNames {
  /** The suffix Turbopack adds to an external package's name: a dash and 16 hex digits. */
  private static final Pattern TURBOPACK_HASH = Pattern.compile("(?<=[^/])-[0-9a-f]{16}$");

  private ModuleNames() {}

  /**
   * The npm package a module specifier belongs to: {@code @scope/pkg/sub} gives {@code @scope/pkg},
   * {@code lodash/merge} gives {@code lodash}; null for a path ({@code ./x}, {@code /srv/x.js},
   * {@code C:\x}, {@code file:///x}).
   */
  static String packageName(String specifier) {
    String s = specifier.strip().replaceAll("^['\"`]+|['\"`]+$", "");
    if (s.isEmpty() || s.startsWith(".") || s.startsWith("/") || s.startsWith("\\") || s.startsWith("file:")
        || s.matches("^[A-Za-z]:[\\\\/].*")) {
      return null;
    }
    String[] parts = s.split("/");
    if (s.startsWith("@")) {
      return parts.length >= 2 ? parts[0] + "/" + parts[1] : s;
    }
    return parts[0];
  }

  /**
   * The package behind Turbopack's hashed name (issue #16): Next 16 requires an external package
   * through a link {@code .next/node_modules/node-cron-850d997d12dc4759}, so a release without the
   * link (or the package) fails on {@code node-cron-850d997d12dc4759}, and "npm install" of that
   * name helps nobody. {@code @scope/pkg-1da2903d5925b8a2} gives {@code @scope/pkg}.
   */
  static String unhashed(String pkg) {
    return pkg == null ? null : TURBOPACK_HASH.matcher(pkg).replaceFirst("");
  }
}
