package dev.slipway.packager;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.DotEnvExample;
import dev.slipway.packager.analysis.EnvReads;
import dev.slipway.packager.analysis.EnvReferenceScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the env manifest (issues #2, #17): names declared by flags, slipway.json and .env.example
 * files, each name taking the word of the strongest source that declares it ({@link EnvSource}),
 * and the names the app's own built server code reads but nobody declared. Values are never read.
 */
final class EnvManifestBuilder {
  static final List<String> EXAMPLE_FILES = List.of(".env.example", ".env.production.example");
  private static final String INLINED_PREFIX = "NEXT_PUBLIC_";

  /** A name's word so far: required or not, and the source that said so. */
  private record Declaration(boolean required, EnvSource source) {}

  private final Map<String, Declaration> declared = new TreeMap<>();
  private final List<String> warnings = new ArrayList<>();

  EnvManifestBuilder require(Collection<String> names, EnvSource source) {
    names.forEach(name -> declare(valid(name, source.label()), true, source));
    return this;
  }

  EnvManifestBuilder allowMissing(Collection<String> names, EnvSource source) {
    names.forEach(name -> declare(valid(name, source.label()), false, source));
    return this;
  }

  EnvManifestBuilder readExamples(Path projectDir) {
    for (String file : EXAMPLE_FILES) {
      Path path = projectDir.resolve(file);
      if (Files.isRegularFile(path)) {
        DotEnvExample example = DotEnvExample.read(path);
        example.required().forEach(name -> declare(valid(name, file), true, EnvSource.EXAMPLE_FILE));
        example.optional().forEach(name -> declare(valid(name, file), false, EnvSource.EXAMPLE_FILE));
      }
    }
    return this;
  }

  private void declare(String name, boolean required, EnvSource source) {
    Declaration before = declared.get(name);
    if (before == null || source.outranks(before.source())) {
      declared.put(name, new Declaration(required, source));
    } else if (before.source() == source && required) {
      declared.put(name, new Declaration(true, source));
    }
  }

  /** Scans .next/server and completes the manifest; collects a warning per undeclared name. */
  EnvManifest build(Path nextServerDir) {
    EnvReads reads = Files.isDirectory(nextServerDir)
        ? EnvReferenceScanner.reads(nextServerDir)
        : new EnvReads(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    SortedSet<String> required = new TreeSet<>();
    SortedSet<String> optional = new TreeSet<>();
    SortedSet<String> inlined = new TreeSet<>();
    declared.forEach((name, declaration) -> {
      if (name.startsWith(INLINED_PREFIX)) {
        inlined.add(name);
      } else {
        (declaration.required() ? required : optional).add(name);
      }
    });
    // NEXT_PUBLIC_* values are inlined by next build, read or not, declared or not: never a
    // production setting to warn about, and listed once, as inlined.
    SortedSet<String> undeclared = new TreeSet<>();
    for (String name : reads.appConfiguration()) {
      if (name.startsWith(INLINED_PREFIX)) {
        inlined.add(name);
      } else if (!declared.containsKey(name)) {
        undeclared.add(name);
      }
    }
    for (String name : undeclared) {
      warnings.add(
          "the server code reads " + name + " but it is not declared: if production needs it, pass --require-env "
              + name + " (or --optional-env, or list it in .env.example) so the installer checks it");
    }
    return new EnvManifest(List.copyOf(required), List.copyOf(optional), List.copyOf(inlined), List.copyOf(undeclared));
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
