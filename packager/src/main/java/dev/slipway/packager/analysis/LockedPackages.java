package dev.slipway.packager.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an npm lockfile installs at the top of {@code node_modules}, for lockfileVersion 2 and 3
 * (the {@code packages} map) and, when that map is absent, lockfileVersion 1 (the nested {@code
 * dependencies} map). npm itself prefers {@code packages} when both are present.
 */
final class LockedPackages {
  /** One top-level install: {@code version} is null for links (workspaces, {@code file:} dirs). */
  record Locked(String packageName, String version) {}

  private final JsonNode packages;
  private final JsonNode v1Dependencies;

  LockedPackages(JsonNode lock) {
    JsonNode packagesNode = lock.get("packages");
    this.packages = packagesNode != null && packagesNode.isObject() ? packagesNode : null;
    JsonNode deps = lock.get("dependencies");
    this.v1Dependencies = deps != null && deps.isObject() ? deps : null;
  }

  /** The lock's root entry {@code packages[""]} (v2/v3 only), recording package.json's specs. */
  Optional<JsonNode> rootEntry() {
    return packages == null ? Optional.empty() : objectAt(packages, "");
  }

  /**
   * The package installed as {@code node_modules/<name>}; {@code packageName} is null when the lock
   * does not say (it only says for aliases).
   */
  Optional<Locked> find(String name) {
    if (packages != null) {
      return objectAt(packages, "node_modules/" + name).map(this::fromPackagesEntry);
    }
    if (v1Dependencies != null) {
      return objectAt(v1Dependencies, name).map(LockedPackages::fromV1Entry);
    }
    return Optional.empty();
  }

  /**
   * Whether the lock marks {@code node_modules/<name>} as needed only for development ({@code
   * "dev": true}): {@code npm ci --omit=dev} does not install it.
   */
  boolean devOnly(String name) {
    Optional<JsonNode> entry = packages != null
        ? objectAt(packages, "node_modules/" + name)
        : v1Dependencies != null ? objectAt(v1Dependencies, name) : Optional.empty();
    return entry.map(node -> node.path("dev").asBoolean(false)).orElse(false);
  }

  private Locked fromPackagesEntry(JsonNode entry) {
    JsonNode target = entry;
    // A link's own entry has no version: the linked folder's entry (keyed by its path) has it.
    if (entry.path("link").asBoolean(false)) {
      target = objectAt(packages, entry.path("resolved").asText("")).orElse(null);
      if (target == null) {
        return new Locked(null, null);
      }
    }
    return new Locked(textOrNull(entry.get("name")), textOrNull(target.get("version")));
  }

  // v1 writes an alias as version "npm:react@18.2.0" and a link as "file:../dir".
  private static Locked fromV1Entry(JsonNode entry) {
    String version = textOrNull(entry.get("version"));
    if (version != null && version.startsWith("npm:")) {
      String target = version.substring("npm:".length());
      int at = target.lastIndexOf('@');
      return at > 0
          ? new Locked(target.substring(0, at), target.substring(at + 1))
          : new Locked(target, null);
    }
    if (version != null && version.startsWith("file:")) {
      return new Locked(null, null);
    }
    return new Locked(null, version);
  }

  private static Optional<JsonNode> objectAt(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
