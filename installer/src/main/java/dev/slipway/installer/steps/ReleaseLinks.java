package dev.slipway.installer.steps;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turbopack's links under {@code .next/node_modules/} (issue #16, item 1): the manifest lists
 * them, the installer creates them once {@code npm ci} (or dependency reuse) has filled {@code
 * node_modules/}, and checks that each one resolves, before the smoke start. A link whose package
 * was not installed is refused here, naming the real package, instead of failing later on the
 * routes that load it. {@code doctor}'s build check uses {@link #problems} on the live release.
 *
 * <p>The manifest's links were checked when the archive was read (inside {@code
 * .next/node_modules/}, aimed at {@code node_modules/}, no chains). Creating one never follows or
 * replaces what is already there: each folder on the way must be a real folder, and the link is
 * created only where nothing is.
 */
public final class ReleaseLinks {
  /** A link whose package npm ci did not install. */
  public static final String PACKAGE_MISSING = "LINKED_PACKAGE_MISSING";
  /** A link that could not be created, or resolves outside the release. */
  public static final String UNRESOLVED = "LINK_UNRESOLVED";

  /**
   * What is wrong with one link of a release.
   *
   * @param link the manifest's link
   * @param packageMissing whether the package it points into is not installed (otherwise the link
   *     itself is missing, changed, or resolves outside the release)
   * @param detail one line, e.g. "node_modules/node-cron does not exist"
   */
  public record Problem(Manifest.Link link, boolean packageMissing, String detail) {
    public String describe() {
      return link.path() + " -> " + link.target() + ": " + detail;
    }
  }

  private ReleaseLinks() {}

  /**
   * Creates every link in {@code release}, then checks them all.
   *
   * @throws SlipwayException NPM_FAILED, {@value #PACKAGE_MISSING} when a linked package is not
   *     installed, {@value #UNRESOLVED} when a link cannot be created or leaves the release
   */
  public static void createAndCheck(Path release, List<Manifest.Link> links) {
    for (Manifest.Link link : links) {
      try {
        create(release, link);
      } catch (IOException e) {
        throw refusal(List.of(new Problem(link, false, "cannot be created: " + e.getMessage())));
      }
    }
    List<Problem> problems = problems(release, links);
    if (!problems.isEmpty()) {
      throw refusal(problems);
    }
  }

  static void create(Path release, Manifest.Link link) throws IOException {
    Path at = release.resolve(link.path());
    Path folder = release;
    for (Path name : release.relativize(at.getParent())) {
      folder = folder.resolve(name);
      if (Files.isSymbolicLink(folder)) {
        throw new IOException(release.relativize(folder) + " is a link, not a folder");
      }
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(folder);
      } else if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(release.relativize(folder) + " is a file, not a folder");
      }
    }
    // Fails when anything, a link included, is already at that path: nothing is followed or replaced.
    Files.createSymbolicLink(at, at.getFileSystem().getPath(link.target()));
  }

  /** What is wrong with the links of {@code release}: none when each is there and resolves to an installed package. */
  public static List<Problem> problems(Path release, List<Manifest.Link> links) {
    List<Problem> problems = new ArrayList<>();
    for (Manifest.Link link : links) {
      problem(release, link).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<Problem> problem(Path release, Manifest.Link link) {
    Path at = release.resolve(link.path());
    try {
      if (!Files.isSymbolicLink(at)) {
        return Optional.of(new Problem(link, false,
            Files.exists(at, LinkOption.NOFOLLOW_LINKS) ? "is not a link" : "the link is missing"));
      }
      String target = Files.readSymbolicLink(at).toString();
      if (!target.equals(link.target())) {
        return Optional.of(new Problem(link, false, "the link points to " + target + " instead"));
      }
      if (!Files.isDirectory(release.resolve(link.resolved()))) {
        return Optional.of(new Problem(link, true, link.resolved() + " does not exist: package "
            + link.packageName() + " is not installed"));
      }
      // npm installs file: and workspace packages as links of their own: they may point elsewhere
      // in the release, never out of it.
      if (!at.toRealPath().startsWith(release.toRealPath())) {
        return Optional.of(new Problem(link, false, "resolves to " + at.toRealPath() + ", outside the release"));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(new Problem(link, false, "cannot be resolved: " + e.getMessage()));
    }
  }

  private static SlipwayException refusal(List<Problem> problems) {
    String evidence = problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
    Set<String> packages = new LinkedHashSet<>();
    problems.stream().filter(Problem::packageMissing).forEach(p -> packages.add(p.link().packageName()));
    if (!packages.isEmpty()) {
      Problem first = problems.stream().filter(Problem::packageMissing).findFirst().orElseThrow();
      String names = String.join(" ", packages);
      return new SlipwayException(FailureKind.NPM_FAILED, PACKAGE_MISSING,
          "the build links " + first.link().path() + " to " + first.link().resolved() + ", but npm ci did not install "
              + String.join(", ", packages) + (packages.size() == 1 ? "" : " (" + problems.size() + " links)"),
          evidence,
          "add " + String.join(", ", packages) + " to dependencies in package.json (npm install --save-prod " + names
              + "), commit package-lock.json, rebuild and repackage");
    }
    return new SlipwayException(FailureKind.NPM_FAILED, UNRESOLVED,
        "the link " + problems.get(0).describe(), evidence,
        "something in the release (an install script, or a dependency installed as a link) is in the way of the"
            + " links the build needs: check the listed paths in the release, fix the package, rebuild and repackage");
  }
}
