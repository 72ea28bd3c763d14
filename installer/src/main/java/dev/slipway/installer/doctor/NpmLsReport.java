package dev.slipway.installer.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code npm ls --omit=dev --all --json --long} says of a release, sorted into what breaks
 * the app and what does not (issue #17). npm marks a package {@code invalid} whenever any edge into
 * it is out of range, peer edges included; a site installed with {@code legacy-peer-deps} or
 * overrides (react-dom 19 under a library that declares {@code react-dom: ^18} as a peer) is
 * therefore "invalid" while it runs fine, and {@code npm ci} installed it without complaint.
 *
 * <p>Broken: a missing package that something requires as a regular dependency, and a direct
 * dependency whose installed version is outside package.json's range (what {@code npm ci}
 * refuses). Only notable: a peer range that is not met or a missing peer (npm ci accepted them),
 * a transitive dependency out of its parent's range (the lockfile put it there, and npm ci installs
 * the lockfile), and leftover (extraneous) packages.
 */
record NpmLsReport(List<String> broken, List<String> notable) {
  private static final ObjectMapper JSON = Json.mapper();
  /** One clause of npm's {@code invalid} text: {@code "^18" from node_modules/old-lib}. */
  private static final Pattern CLAUSE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\" from (the root project|[^,]+)");
  private static final String ROOT = "the root project";

  /** npm ls printed no tree to judge; the message says what it printed instead. */
  static final class Unreadable extends IOException {
    Unreadable(String message) {
      super(message.strip());
    }
  }

  NpmLsReport {
    broken = List.copyOf(broken);
    notable = List.copyOf(notable);
  }

  /**
   * @throws IOException when the text is not npm ls's JSON
   */
  static NpmLsReport parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject() || !root.has("name") && !root.has("dependencies")) {
      // npm's own failure (an unreadable package.json, say) comes as {"error":{"code","summary"}}.
      JsonNode error = root == null ? null : root.path("error");
      throw new NpmLsReport.Unreadable(error != null && error.hasNonNull("summary")
          ? error.path("code").asText("") + " " + error.get("summary").asText()
          : "npm ls printed no JSON tree");
    }
    Map<String, JsonNode> byLocation = new HashMap<>();
    Path rootPath = root.hasNonNull("path") ? Path.of(root.get("path").asText()) : null;
    index(root, rootPath, byLocation);
    Set<String> broken = new LinkedHashSet<>();
    Set<String> notable = new LinkedHashSet<>();
    walk(root, root, byLocation, broken, notable);
    return new NpmLsReport(new ArrayList<>(broken), new ArrayList<>(notable));
  }

  /** Every package npm described in full, by its location relative to the release (node_modules/x). */
  private static void index(JsonNode node, Path rootPath, Map<String, JsonNode> byLocation) {
    for (Iterator<JsonNode> children = node.path("dependencies").elements(); children.hasNext(); ) {
      JsonNode child = children.next();
      if (rootPath != null && child.hasNonNull("path") && child.has("peerDependencies")) {
        String location = rootPath.relativize(Path.of(child.get("path").asText())).toString().replace('\\', '/');
        byLocation.putIfAbsent(location, child);
      }
      index(child, rootPath, byLocation);
    }
  }

  private static void walk(JsonNode parent, JsonNode root, Map<String, JsonNode> byLocation, Set<String> broken, Set<String> notable) {
    for (Iterator<Map.Entry<String, JsonNode>> children = parent.path("dependencies").fields(); children.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = children.next();
      String name = entry.getKey();
      JsonNode child = entry.getValue();
      String requirer = describe(parent);
      if (child.path("missing").asBoolean(false)) {
        if (onlyPeer(parent, name)) {
          notable.add("peer " + name + "@" + parent.path("peerDependencies").path(name).asText()
              + " of " + requirer + " is not installed (npm ci with legacy-peer-deps skips peers)");
        } else {
          broken.add("missing: " + name + "@" + range(parent, name, child) + ", required by " + requirer);
        }
        continue;
      }
      if (child.hasNonNull("invalid")) {
        judgeInvalid(name, child, root, byLocation, broken, notable);
      }
      if (child.path("extraneous").asBoolean(false)) {
        notable.add("extraneous: " + name + "@" + child.path("version").asText() + " is installed but nothing requires it");
      }
      walk(child, root, byLocation, broken, notable);
    }
  }

  private static void judgeInvalid(String name, JsonNode child, JsonNode root, Map<String, JsonNode> byLocation,
      Set<String> broken, Set<String> notable) {
    String installed = name + "@" + child.path("version").asText();
    Matcher clause = CLAUSE.matcher(child.get("invalid").asText());
    while (clause.find()) {
      String spec = clause.group(1).replace("\\\"", "\"");
      String from = clause.group(2).strip();
      JsonNode requirer = from.equals(ROOT) ? root : byLocation.get(from);
      if (from.equals(ROOT) && !onlyPeer(root, name)) {
        broken.add("invalid: " + installed + " is outside package.json's range \"" + spec + "\"");
      } else if (requirer != null && onlyPeer(requirer, name)) {
        notable.add("peer range: " + installed + " does not satisfy \"" + spec + "\" of " + describe(requirer)
            + " (npm ci accepted it: legacy-peer-deps or overrides)");
      } else {
        notable.add("invalid: " + installed + " does not satisfy \"" + spec + "\" of " + from
            + " (the lockfile installed it so; npm ci accepted it)");
      }
    }
  }

  /** {@code name} is only a peer of {@code node}: in peerDependencies, not a regular dependency. */
  private static boolean onlyPeer(JsonNode node, String name) {
    return node.path("peerDependencies").has(name) && !node.path("_dependencies").has(name)
        && !node.path("optionalDependencies").has(name);
  }

  private static String range(JsonNode parent, String name, JsonNode child) {
    if (child.hasNonNull("required")) {
      return child.get("required").asText();
    }
    return parent.path("_dependencies").path(name).asText("*");
  }

  private static String describe(JsonNode node) {
    return node.path("name").asText("?") + "@" + node.path("version").asText("?");
  }
}
