package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.ManifestText;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.PackageJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The app's name and version for the manifest and the archive's name (issue #16, item 5). An app
 * that is never published needs neither in package.json, and three of four published examples
 * have none, so a missing one is never a refusal: the name falls back to the project folder's,
 * the version to {@code git describe} in a git work tree or to {@code 0.0.0+<buildId>}, each with a
 * warning that says what was used and how to set it.
 */
record AppIdentity(Manifest.App app, List<String> warnings) {
  /** git answers in milliseconds; a hung one (a credential prompt, a network mount) must not stall CI. */
  static final Duration GIT_TIMEOUT = Duration.ofSeconds(5);
  private static final int NPM_NAME_MAX = 214;

  AppIdentity {
    warnings = List.copyOf(warnings);
  }

  static AppIdentity of(PackageJson pkg, Path projectDir, String buildId) {
    List<String> warnings = new ArrayList<>();
    refuseUnprintable("name", pkg.name(), ManifestText.nameProblem(pkg.name()));
    refuseUnprintable("version", pkg.version(), ManifestText.versionProblem(pkg.version()));
    String name = pkg.name();
    if (name == null) {
      name = npmName(projectDir);
      warnings.add("package.json has no \"name\": the app is called \"" + name + "\" after its folder; set"
          + " \"name\" in package.json to choose it");
    }
    String version = pkg.version();
    if (version == null) {
      Optional<String> described = Tools.outputIfAny(
          List.of("git", "describe", "--tags", "--always", "--dirty"), projectDir, GIT_TIMEOUT);
      // A tag may hold what a version may not ("release/1.0"): git's own output is made to fit.
      version = described.map(d -> d.replaceAll("[^0-9A-Za-z.+_~-]", "-"))
          .orElse("0.0.0+" + buildId.replaceAll("[^0-9A-Za-z-]", "-"));
      warnings.add("package.json has no \"version\": the release is versioned " + version
          + (described.isPresent() ? " (git describe --tags --always --dirty)" : " (0.0.0 and the build id)")
          + "; set \"version\" in package.json to choose it");
    }
    return new AppIdentity(new Manifest.App(name, version), warnings);
  }

  /**
   * The manifest refuses a name or version every command would print (issue #20: escape
   * sequences, newlines); the user's own package.json is refused here first, with the rule.
   */
  private static void refuseUnprintable(String field, String value, String problem) {
    if (problem != null) {
      throw new SlipwayException(
          FailureKind.PROJECT, "BAD_PACKAGE_JSON", "package.json's \"" + field + "\" cannot be used: " + problem, null,
          "set \"" + field + "\" in package.json to " + (field.equals("name") ? "an npm package name (my-app, @team/my-app)" : "a semver version (1.4.0)"));
    }
  }

  /** The folder's name as npm would accept it: lower case, URL-safe characters, no leading dot or underscore. */
  static String npmName(Path projectDir) {
    Path folder = projectDir.toAbsolutePath().normalize().getFileName();
    String name = (folder == null ? "" : folder.toString()).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9._~-]+", "-")
        .replaceAll("^[._-]+", "")
        .replaceAll("-+$", "");
    if (name.length() > NPM_NAME_MAX) {
      name = name.substring(0, NPM_NAME_MAX);
    }
    return name.isEmpty() ? "app" : name;
  }
}
