package dev.slipway.packager.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a project's package.json that packaging decisions depend on.
 *
 * <p>Every map is an unmodifiable copy sorted by key (whatever map it was built from), so anything
 * derived from it (messages, the manifest) comes out in the same order on every machine. {@code
 * enginesNode} is the raw {@code engines.node} range, or {@code null} when the project does not
 * declare one. {@code peerDependencies} is kept because npm records it in the lockfile's root
 * entry, and a comparison of that entry without it would report peers as strays.
 *
 * <p>{@code name} and {@code version} are {@code null} when package.json has none (or a blank one):
 * an app that is never published needs neither, and npm installs it fine, so the packager falls
 * back rather than refusing (issue #16, item 5). A non-string one is still refused.
 */
public record PackageJson(
    String name,
    String version,
    Map<String, String> dependencies,
    Map<String, String> devDependencies,
    Map<String, String> optionalDependencies,
    Map<String, String> peerDependencies,
    String enginesNode,
    Map<String, String> scripts) {

  private static final String LABEL = "package.json";

  public PackageJson {
    name = blankToNull(name);
    version = blankToNull(version);
    dependencies = frozen(dependencies, "dependencies");
    devDependencies = frozen(devDependencies, "devDependencies");
    optionalDependencies = frozen(optionalDependencies, "optionalDependencies");
    peerDependencies = frozen(peerDependencies, "peerDependencies");
    scripts = frozen(scripts, "scripts");
  }

  /** Reads and validates the package.json at {@code file}. */
  public static PackageJson read(Path file) {
    return from(JsonFiles.readObject(file, LABEL));
  }

  /** Parses and validates package.json content. */
  public static PackageJson parse(byte[] json) {
    return from(JsonFiles.parseObject(json, LABEL));
  }

  private static PackageJson from(JsonNode root) {
    return new PackageJson(
        text(root, "name"),
        text(root, "version"),
        JsonFiles.stringMap(root, "dependencies", LABEL),
        JsonFiles.stringMap(root, "devDependencies", LABEL),
        JsonFiles.stringMap(root, "optionalDependencies", LABEL),
        JsonFiles.stringMap(root, "peerDependencies", LABEL),
        enginesNode(root),
        JsonFiles.stringMap(root, "scripts", LABEL));
  }

  /**
   * Whether production ({@code npm ci --omit=dev}) installs {@code packageName}: it is a dependency
   * or an optional dependency.
   */
  public boolean isProductionDependency(String packageName) {
    return dependencies.containsKey(packageName) || optionalDependencies.containsKey(packageName);
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(LABEL + "'s \"" + field + "\" is not a string");
    }
    return node.textValue();
  }

  // npm ignores a malformed "engines" rather than failing the install, so we do not refuse it
  // either: a non-string engines.node is treated as "no requirement declared".
  private static String enginesNode(JsonNode root) {
    JsonNode node = root.path("engines").path("node");
    return node.isTextual() && !node.textValue().isBlank() ? node.textValue().trim() : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Map<String, String> frozen(Map<String, String> map, String field) {
    TreeMap<String, String> copy = new TreeMap<>();
    if (map != null) {
      map.forEach(
          (key, value) ->
              copy.put(
                  Objects.requireNonNull(key, field + " key"),
                  Objects.requireNonNull(value, field + " value of " + key)));
    }
    return Collections.unmodifiableSortedMap(copy);
  }
}
