package dev.slipway.installer.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the classifier knows besides the log: the release's dependencies (from its package.json),
 * the Node it was built with (from the manifest), the Node of this host, the exit code of the
 * process whose log it reads, and the port the installer gave that process ({@code PORT}).
 *
 * @param devDependencies names in package.json {@code devDependencies}; never null
 * @param dependencies names in {@code dependencies} and {@code optionalDependencies}; never null
 * @param buildNodeVersion {@code builtWith.node} of the manifest, such as {@code v20.11.1}; may be null
 * @param hostNodeVersion {@code node --version} on this host; may be null
 * @param exitCode the exit code of the process, null while it runs or when unknown
 * @param port the {@code PORT} the installer gave the app, null when unknown
 */
public record Context(
    Set<String> devDependencies,
    Set<String> dependencies,
    String buildNodeVersion,
    String hostNodeVersion,
    Integer exitCode,
    Integer port) {

  public Context {
    devDependencies = devDependencies == null ? Set.of() : Set.copyOf(devDependencies);
    dependencies = dependencies == null ? Set.of() : Set.copyOf(dependencies);
  }

  /** Knows nothing besides the log. */
  public static Context empty() {
    return new Context(Set.of(), Set.of(), null, null, null, null);
  }

  /**
   * The context of an unpacked release: dependencies from {@code releaseDir/package.json} (none when
   * it is missing or unreadable: the classifier then cannot tell a devDependency apart, nothing
   * worse), the build's Node from the manifest.
   */
  public static Context forRelease(Path releaseDir, Manifest.Header manifest, String hostNodeVersion) {
    Set<String> dev = new TreeSet<>();
    Set<String> prod = new TreeSet<>();
    Path packageJson = releaseDir.resolve("package.json");
    if (Files.isRegularFile(packageJson)) {
      try {
        JsonNode root = Json.mapper().readTree(packageJson.toFile());
        addNames(root.path("devDependencies"), dev);
        addNames(root.path("dependencies"), prod);
        addNames(root.path("optionalDependencies"), prod);
      } catch (IOException | RuntimeException e) {
        // The classifier words a failure; an unreadable package.json must not replace that failure.
      }
    }
    String buildNode = manifest == null ? null : manifest.builtWith().node();
    return new Context(dev, prod, buildNode, hostNodeVersion, null, null);
  }

  private static void addNames(JsonNode object, Set<String> into) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      into.add(names.next());
    }
  }

  public Context withExitCode(Integer code) {
    return new Context(devDependencies, dependencies, buildNodeVersion, hostNodeVersion, code, port);
  }

  public Context withPort(Integer smokePort) {
    return new Context(devDependencies, dependencies, buildNodeVersion, hostNodeVersion, exitCode, smokePort);
  }

  public Context withDependencies(Set<String> prod, Set<String> dev) {
    return new Context(dev, prod, buildNodeVersion, hostNodeVersion, exitCode, port);
  }

  public Context withNodeVersions(String build, String host) {
    return new Context(devDependencies, dependencies, build, host, exitCode, port);
  }
}
