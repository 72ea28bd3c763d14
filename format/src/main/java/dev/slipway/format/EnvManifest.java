package dev.slipway.format;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code .deploy/env.json}: the names of the environment variables production needs. Never values:
 * secrets stay on the server.
 *
 * @param required the installer refuses a release while one of these is unset
 * @param optional a missing one is a warning
 * @param inlinedAtBuild {@code NEXT_PUBLIC_*} names: Next inlines them into the bundle at build time,
 *     so setting them on the server changes nothing
 * @param referencedUndeclared names the built server code reads that nobody declared: each one is a
 *     production secret that may be missing (the packager warns)
 */
public record EnvManifest(
    List<String> required,
    List<String> optional,
    List<String> inlinedAtBuild,
    List<String> referencedUndeclared) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public EnvManifest {
    required = sortedNames(required, "required");
    optional = sortedNames(optional, "optional");
    inlinedAtBuild = sortedNames(inlinedAtBuild, "inlinedAtBuild");
    referencedUndeclared = sortedNames(referencedUndeclared, "referencedUndeclared");
  }

  public static EnvManifest empty() {
    return new EnvManifest(List.of(), List.of(), List.of(), List.of());
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static List<String> sortedNames(List<String> names, String what) {
    if (names == null) {
      return List.of();
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String name : names) {
      Objects.requireNonNull(name, what);
      if (!isValidName(name)) {
        throw new IllegalArgumentException("invalid environment variable name in " + what + ": " + name);
      }
      sorted.add(name);
    }
    return List.copyOf(sorted);
  }
}
