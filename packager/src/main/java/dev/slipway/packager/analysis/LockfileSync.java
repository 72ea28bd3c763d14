package dev.slipway.packager.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tells whether package.json and its npm lockfile agree, so that {@code npm ci} on the server
 * installs what CI built with instead of refusing to run.
 *
 * <p>Two kinds of finding, each available on its own so a caller may weigh them differently:
 *
 * <ul>
 *   <li>{@link #installMismatches}: a dependency that the lock does not install, or installs at a
 *       version outside the declared range. {@code npm ci} refuses these ("Missing: … from lock
 *       file", "Invalid: lock file's … does not satisfy …").
 *   <li>{@link #rootEntryMismatches}: the lock's root entry ({@code packages[""]}) records
 *       different specs than package.json declares. npm reads that as "the lock was written for
 *       another package.json" and recomputes its dev/optional flags; {@code npm ci} still installs
 *       when every locked version satisfies the new specs, but the lock is stale and {@code npm
 *       install} would rewrite it.
 * </ul>
 *
 * <p>Only registry ranges are compared with versions (see {@link RegistrySpec}): git, URL, {@code
 * file:}, {@code workspace:} specs and dist-tags pin nothing a version could contradict, so for
 * them only the presence of a lock entry is checked.
 */
public final class LockfileSync {
  private LockfileSync() {}

  /**
   * Every mismatch between {@code pkg} and the lockfile, as sentences naming the dependency; empty
   * when they are in sync. Install mismatches come first, then root-entry ones, each sorted by
   * dependency name; a dependency is reported once.
   *
   * @throws IllegalArgumentException if the lockfile cannot be read or is not a JSON object
   */
  public static List<String> check(PackageJson pkg, Path lockfile) {
    Lock lock = Lock.read(lockfile);
    List<String> mismatches = new ArrayList<>();
    Map<String, String> install = installMismatches(pkg, lock);
    mismatches.addAll(install.values());
    rootEntryMismatches(pkg, lock)
        .forEach(
            (name, message) -> {
              if (!install.containsKey(name)) {
                mismatches.add(message);
              }
            });
    return List.copyOf(mismatches);
  }

  /** Only the findings that make {@code npm ci} refuse to install (see the class comment). */
  public static List<String> installMismatches(PackageJson pkg, Path lockfile) {
    return List.copyOf(installMismatches(pkg, Lock.read(lockfile)).values());
  }

  /** Only the stale-root-entry findings (see the class comment); empty for v1 lockfiles. */
  public static List<String> rootEntryMismatches(PackageJson pkg, Path lockfile) {
    return List.copyOf(rootEntryMismatches(pkg, Lock.read(lockfile)).values());
  }

  private record Lock(String label, LockedPackages packages) {
    static Lock read(Path lockfile) {
      String label = String.valueOf(lockfile.getFileName());
      return new Lock(label, new LockedPackages(JsonFiles.readLockfile(lockfile)));
    }
  }

  private static SortedMap<String, String> installMismatches(PackageJson pkg, Lock lock) {
    SortedMap<String, String> mismatches = new TreeMap<>();
    declaredForInstall(pkg)
        .forEach(
            (name, declared) ->
                mismatch(name, declared, lock).ifPresent(message -> mismatches.put(name, message)));
    return mismatches;
  }

  /**
   * Name to spec of everything the project installs. A name in several sections resolves as npm
   * resolves it: optionalDependencies override dependencies, which override devDependencies.
   */
  private static SortedMap<String, String> declaredForInstall(PackageJson pkg) {
    SortedMap<String, String> declared = new TreeMap<>(pkg.devDependencies());
    declared.putAll(pkg.dependencies());
    declared.putAll(pkg.optionalDependencies());
    return declared;
  }

  private static Optional<String> mismatch(String name, String declared, Lock lock) {
    // npm gives every direct dependency, whatever its spec, an entry of its own: a missing one
    // is out of sync even for a git or file: spec.
    Optional<LockedPackages.Locked> found = lock.packages().find(name);
    if (found.isEmpty()) {
      return Optional.of(name + " is in package.json but not in " + lock.label());
    }
    Optional<RegistrySpec> registry = RegistrySpec.of(name, declared);
    if (registry.isEmpty()) {
      return Optional.empty(); // git, URL, file:, tag: nothing a version could contradict
    }
    RegistrySpec spec = registry.get();
    LockedPackages.Locked locked = found.get();
    if (locked.packageName() != null && !locked.packageName().equals(spec.packageName())) {
      return Optional.of(
          name
              + ": "
              + lock.label()
              + " installs "
              + locked.packageName()
              + " under this name, but package.json asks for "
              + declared);
    }
    if (locked.version() == null) {
      return Optional.empty(); // a link: npm matches it by path, not by version
    }
    if (!spec.range().isSatisfiedBy(locked.version())) {
      return Optional.of(
          name + ": locked " + locked.version() + " does not satisfy " + declared.trim());
    }
    return Optional.empty();
  }

  private static SortedMap<String, String> rootEntryMismatches(PackageJson pkg, Lock lock) {
    SortedMap<String, String> mismatches = new TreeMap<>();
    Optional<JsonNode> root = lock.packages().rootEntry();
    if (root.isEmpty()) {
      return mismatches;
    }
    Map<String, Map<String, String>> declaredBySection = new LinkedHashMap<>();
    declaredBySection.put("dependencies", pkg.dependencies());
    declaredBySection.put("devDependencies", pkg.devDependencies());
    declaredBySection.put("optionalDependencies", pkg.optionalDependencies());
    declaredBySection.put("peerDependencies", pkg.peerDependencies());
    for (Map.Entry<String, Map<String, String>> entry : declaredBySection.entrySet()) {
      String section = entry.getKey();
      Map<String, String> declared = entry.getValue();
      Map<String, String> recorded =
          JsonFiles.stringMap(root.get(), section, lock.label() + "'s root entry");
      TreeSet<String> names = new TreeSet<>(declared.keySet());
      names.addAll(recorded.keySet());
      for (String name : names) {
        rootMismatch(name, section, declared.get(name), recorded.get(name), lock.label())
            .ifPresent(message -> mismatches.putIfAbsent(name, message));
      }
    }
    return mismatches;
  }

  private static Optional<String> rootMismatch(
      String name, String section, String declared, String recorded, String label) {
    if (recorded == null) {
      return Optional.of(name + " is in package.json's " + section + " but not in " + label + "'s");
    }
    if (declared == null) {
      return Optional.of(name + " is in " + label + "'s " + section + " but not in package.json's");
    }
    if (!declared.equals(recorded)) {
      return Optional.of(
          name
              + ": package.json's "
              + section
              + " say "
              + declared
              + " but "
              + label
              + "'s say "
              + recorded);
    }
    return Optional.empty();
  }
}
