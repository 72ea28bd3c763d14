package dev.slipway.installer.doctor;

import dev.slipway.format.FileEntry;
import dev.slipway.format.Manifest;
import dev.slipway.installer.steps.ReleaseLinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code build}: the production build is complete in the live release (step 2 of the guide: "a
 * stale .next directory is a common cause"): {@code .next/BUILD_ID} holds the build id the
 * manifest names, {@code .next/static} exists, every file the manifest lists is still there, and
 * each of Turbopack's links the manifest lists is there and resolves to an installed package
 * (issue #16).
 * Only presence is checked, not content: Next.js itself rewrites prerendered pages in {@code
 * .next/server} when it revalidates them, so sizes and hashes of a running release legitimately
 * change.
 */
final class BuildOutputCheck implements Check {
  static final String NAME = "build";
  /** How many missing files are named; the rest are counted. */
  static final int NAMED = 3;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException {
    Path dir = release.dir();
    Path buildIdFile = dir.resolve(".next/BUILD_ID");
    List<String> problems = new ArrayList<>();
    String buildId = null;
    if (!Files.isRegularFile(buildIdFile)) {
      problems.add(".next/BUILD_ID is missing (Next.js: \"Could not find a production build\")");
    } else {
      buildId = Files.readString(buildIdFile, StandardCharsets.UTF_8).strip();
      if (buildId.isEmpty()) {
        problems.add(".next/BUILD_ID is empty");
      }
    }
    if (!Files.isDirectory(dir.resolve(".next/static"))) {
      problems.add(".next/static is missing (the pages' JavaScript and CSS)");
    }
    int files = 0;
    if (release.manifest().isPresent()) {
      Manifest manifest = release.manifest().get();
      files = manifest.files().size();
      if (buildId != null && !buildId.isEmpty() && !buildId.equals(manifest.buildId())) {
        problems.add(".next/BUILD_ID says " + buildId + " but the release was installed as build " + manifest.buildId()
            + ": its .next was replaced");
      }
      List<String> missing = new ArrayList<>();
      for (FileEntry file : manifest.files()) {
        if (!file.path().equals(".next/BUILD_ID") && !Files.exists(dir.resolve(file.path()), LinkOption.NOFOLLOW_LINKS)) {
          missing.add(file.path());
        }
      }
      List<ReleaseLinks.Problem> links = ReleaseLinks.problems(dir, manifest.links());
      for (ReleaseLinks.Problem link : links.subList(0, Math.min(NAMED, links.size()))) {
        problems.add("link " + link.describe());
      }
      if (links.size() > NAMED) {
        problems.add((links.size() - NAMED) + " more links are missing or dangling");
      }
      if (!missing.isEmpty()) {
        problems.add(missing.size() + " file" + (missing.size() == 1 ? "" : "s") + " of the manifest "
            + (missing.size() == 1 ? "is" : "are") + " missing: " + String.join(", ", missing.subList(0, Math.min(NAMED, missing.size())))
            + (missing.size() > NAMED ? ", …" : ""));
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(NAME, String.join("; ", problems), Doctor.REINSTALL);
    }
    return CheckResult.ok(NAME, "build " + buildId + ": .next/BUILD_ID and .next/static present"
        + (release.manifest().isPresent() ? ", all " + files + " files of the manifest present" + linked(release.manifest().get())
            : " (no manifest to compare with)"));
  }

  private static String linked(Manifest manifest) {
    int links = manifest.links().size();
    return links == 0 ? "" : links == 1 ? ", its link resolves to an installed package"
        : ", its " + links + " links resolve to installed packages";
  }
}
