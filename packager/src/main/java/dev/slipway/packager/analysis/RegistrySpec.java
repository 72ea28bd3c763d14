package dev.slipway.packager.analysis;

import dev.slipway.format.NpmRange;
import java.util.Objects;
import java.util.Optional;

/**
 * A package.json dependency spec that npm resolves from the registry by version range, with the
 * name of the package actually installed ({@code "npm:react@^18"} installs {@code react}).
 *
 * <p>Everything else is not a {@code RegistrySpec}, and a lockfile check must not compare it with a
 * version: git and hosted-git specs ({@code github:a/b}, {@code a/b}, {@code git+ssh:}), URLs,
 * {@code file:} / {@code link:} / {@code workspace:} and other protocols, paths, and dist-tags such
 * as {@code latest} or {@code canary}. A valid npm range never contains {@code :}, {@code /} or
 * {@code \}, so those characters are enough to recognise all the non-tag kinds; a tag is whatever
 * is left that is not a valid range (npm refuses tags that are ranges).
 */
public record RegistrySpec(String packageName, NpmRange range) {
  private static final String ALIAS_PREFIX = "npm:";

  public RegistrySpec {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(range, "range");
  }

  /** The registry range for dependency {@code name} declared as {@code spec}, if it is one. */
  public static Optional<RegistrySpec> of(String name, String spec) {
    String trimmed = spec.trim();
    if (trimmed.startsWith(ALIAS_PREFIX)) {
      return alias(trimmed.substring(ALIAS_PREFIX.length()));
    }
    return plainRange(trimmed).map(range -> new RegistrySpec(name, range));
  }

  /** {@code name@range}, {@code @scope/name@range} or a bare name (meaning any version). */
  private static Optional<RegistrySpec> alias(String target) {
    // The version separator is the first "@" after the name; a scope's own "@" is at index 0.
    int at = target.indexOf('@', 1);
    String name = at < 0 ? target : target.substring(0, at);
    String range = at < 0 ? "" : target.substring(at + 1);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    // npm does not allow an alias of an alias, nor of a git or file spec: only a range or tag.
    return plainRange(range.trim()).map(parsed -> new RegistrySpec(name, parsed));
  }

  private static Optional<NpmRange> plainRange(String spec) {
    if (spec.indexOf(':') >= 0 || spec.indexOf('/') >= 0 || spec.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    return NpmRange.parse(spec);
  }
}
