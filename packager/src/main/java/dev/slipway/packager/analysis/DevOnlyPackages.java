package dev.slipway.packager.analysis;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Which packages the lockfile installs for development only: the server runs {@code npm ci
 * --omit=dev}, so a release that needs one at run time (a Turbopack link to it, issue #16) would
 * find it missing.
 */
public final class DevOnlyPackages {
  private DevOnlyPackages() {}

  /** Those of {@code names} the lock marks {@code "dev": true}, in the order given. */
  public static List<String> among(Path lockfile, Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    LockedPackages locked = new LockedPackages(JsonFiles.readLockfile(lockfile));
    return names.stream().filter(locked::devOnly).toList();
  }
}
