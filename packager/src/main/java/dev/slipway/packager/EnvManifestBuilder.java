package dev.slipway.packager;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.DotEnvExample;
import dev.slipway.packager.analysis.EnvReferenceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Builds the env manifest (issue #2): names declared by flags, slipway.json and .env.example files,
 * and the names the built server code reads but nobody declared. Values are never read.
 */
final class EnvManifestBuilder {
  static final List<String> EXAMPLE_FILES = List.of(".env.example", ".env.production.example");
  private static final String INLINED_PREFIX = "NEXT_PUBLIC_";

  private final SortedSet<String> required = new TreeSet<>();
  private final SortedSet<String> optional = new TreeSet<>();
  private final List<String> warnings = new ArrayList<>();

  EnvManifestBuilder require(Collection<String> names, String source) {
    names.forEach(name -> required.add(valid(name, source)));
    return this;
  }

  EnvManifestBuilder allowMissing(Collection<String> names, String source) {
    names.forEach(name -> optional.add(valid(name, source)));
    return this;
  }

  EnvManifestBuilder readExamples(Path projectDir) {
    for (String file : EXAMPLE_FILES) {
      Path path = projectDir.resolve(file);
      if (Files.isRegularFile(path)) {
        DotEnvExample example = DotEnvExample.read(path);
        require(example.required(), file);
        allowMissing(example.optional(), file);
      }
    }
    return this;
  }

  /** Scans .next/server and completes the manifest; collects a warning per undeclared name. */
  EnvManifest build(Path nextServerDir) throws IOException {
    optional.removeAll(required);
    SortedSet<String> referenced = Files.isDirectory(nextServerDir)
        ? new TreeSet<>(EnvReferenceScanner.scan(nextServerDir))
        : new TreeSet<>();
    SortedSet<String> inlined = new TreeSet<>();
    for (SortedSet<String> names : List.of(required, optional, referenced)) {
      names.removeIf(name -> name.startsWith(INLINED_PREFIX) && inlined.add(name));
    }
    referenced.removeAll(required);
    referenced.removeAll(optional);
    for (String name : referenced) {
      warnings.add(
          "the server code reads " + name + " but it is not declared: if production needs it, pass --require-env "
              + name + " (or --optional-env, or list it in .env.example) so the installer checks it");
    }
    return new EnvManifest(List.copyOf(required), List.copyOf(optional), List.copyOf(inlined), List.copyOf(referenced));
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  private static String valid(String name, String source) {
    if (!EnvManifest.isValidName(name)) {
      throw new SlipwayException(
          FailureKind.USAGE, "BAD_ENV_NAME", "'" + name + "' from " + source + " is not an environment variable name",
          null, "use letters, digits and underscores, not starting with a digit");
    }
    return name;
  }
}
