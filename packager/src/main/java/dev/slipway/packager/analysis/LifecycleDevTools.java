package dev.slipway.packager.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the root lifecycle scripts that {@code npm ci --omit=dev} runs on the server and that would
 * fail there because they run a program only a devDependency provides (issue #16, item 6): husky's
 * {@code "prepare": "husky"} is the usual one. Caught when packaging instead of after 30 s of npm
 * ci on the server.
 *
 * <p>What provides a program comes from the lockfile (v2/v3 {@code packages}): each top-level
 * {@code node_modules/X} entry's {@code bin} map (npm links those into {@code node_modules/.bin}),
 * or X's own name when it declares no bin; a program is dev-only when every package that provides
 * it is marked {@code dev: true}. A v1 lockfile records no bins, so nothing is found there.
 */
public final class LifecycleDevTools {
  /** The root scripts npm ci runs, in its order. */
  public static final List<String> SCRIPTS =
      List.of("preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare");
  private static final String PREFIX = "node_modules/";

  /** {@code script} runs {@code command}, which only the devDependency {@code packageName} provides. */
  public record Finding(String script, String command, String packageName, boolean wholeScript) {}

  private LifecycleDevTools() {}

  public static List<Finding> find(PackageJson pkg, Path lockfile) {
    List<String> present = SCRIPTS.stream().filter(pkg.scripts()::containsKey).toList();
    if (present.isEmpty()) {
      return List.of();
    }
    Map<String, String> devOnly = devOnlyPrograms(JsonFiles.readLockfile(lockfile));
    List<Finding> findings = new ArrayList<>();
    for (String script : present) {
      List<ShellCommands.Command> commands = ShellCommands.parse(pkg.scripts().get(script));
      for (ShellCommands.Command command : commands) {
        String provider = devOnly.get(command.name());
        if (provider != null && command.failureFailsScript()) {
          findings.add(new Finding(script, command.name(), provider, commands.size() == 1));
        }
      }
    }
    return findings;
  }

  /** Program name to the dev package that provides it, for programs no production package provides. */
  private static Map<String, String> devOnlyPrograms(JsonNode lock) {
    JsonNode packages = lock.path("packages");
    Map<String, String> dev = new HashMap<>();
    Set<String> production = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : packages.properties()) {
      String path = entry.getKey();
      if (!path.startsWith(PREFIX) || path.indexOf(PREFIX, PREFIX.length()) >= 0 || entry.getValue().path("link").asBoolean()) {
        continue; // nested installs are not linked into the top node_modules/.bin
      }
      String packageName = path.substring(PREFIX.length());
      boolean isDev = entry.getValue().path("dev").asBoolean(false);
      for (String program : programs(packageName, entry.getValue().get("bin"))) {
        if (isDev) {
          dev.putIfAbsent(program, packageName);
        } else {
          production.add(program);
        }
      }
    }
    dev.keySet().removeAll(production);
    return dev;
  }

  private static List<String> programs(String packageName, JsonNode bin) {
    if (bin != null && bin.isObject()) {
      List<String> names = new ArrayList<>();
      bin.fieldNames().forEachRemaining(names::add);
      return names;
    }
    return List.of(packageName.substring(packageName.lastIndexOf('/') + 1));
  }
}
