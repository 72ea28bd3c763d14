package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.DevOnlyPackages;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turbopack's links (issue #16). For the packages it keeps external, Next 16's default build writes
 * {@code .next/node_modules/node-cron-850d997d12dc4759 -> ../../node_modules/node-cron} (or {@code
 * .next/node_modules/@scope/pkg-<hash>}) and requires the package by the hashed name, so a
 * release without the link fails on the routes that load it. Archives hold no links: these are
 * recorded in the manifest ({@link Manifest.Link}) and the installer recreates them after {@code
 * npm ci}.
 *
 * <p>Only a link directly in {@code .next/node_modules/} (or in one of its {@code @scope/}
 * folders) whose target passes the format's rules and exists in the project's {@code
 * node_modules/} is shipped; every other link there is refused as any link in the content is
 * (SYMLINK_IN_CONTENT). The rest of {@code .next/node_modules} is never shipped, as before.
 */
final class TurbopackLinks {
  static final String FOLDER = ".next/node_modules";

  private TurbopackLinks() {}

  /**
   * The links to ship, sorted by path.
   *
   * @throws SlipwayException SYMLINK_IN_CONTENT for a link that cannot ship, LINKED_DEV_DEPENDENCY
   *     for one to a package the lockfile installs for development only
   */
  static List<Manifest.Link> read(Path projectDir, Path lockfile) throws IOException {
    return read(projectDir, lockfile, true);
  }

  /**
   * @param refuseDevOnly whether a link to a package the lockfile installs for development only is
   *     refused: it is when the server runs {@code npm ci --omit=dev}, not for a standalone tree
   *     (issue #18), whose traces copied the package whatever the lockfile says
   */
  static List<Manifest.Link> read(Path projectDir, Path lockfile, boolean refuseDevOnly) throws IOException {
    Path folder = projectDir.resolve(FOLDER);
    if (Files.isSymbolicLink(folder)) {
      throw refused(FOLDER, Files.readSymbolicLink(folder).toString(), "the folder itself is a link");
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Manifest.Link> links = new ArrayList<>();
    // Does not follow links: each is visited as a file.
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
          links.add(link(projectDir, projectDir.relativize(file).toString().replace('\\', '/')));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    links.sort(Comparator.comparing(Manifest.Link::path));
    if (refuseDevOnly) {
      refuseDevOnly(links, lockfile);
    }
    return links;
  }

  private static Manifest.Link link(Path projectDir, String name) throws IOException {
    // The manifest spells targets with '/', whatever the build machine's separator.
    String target = Files.readSymbolicLink(projectDir.resolve(name)).toString().replace(java.io.File.separatorChar, '/');
    String rest = name.substring(FOLDER.length() + 1);
    int slash = rest.indexOf('/');
    if (slash >= 0 && (!rest.startsWith("@") || rest.indexOf('/', slash + 1) >= 0)) {
      throw refused(name, target, "Turbopack writes its links directly in " + FOLDER + "/ or in an @scope/ folder there");
    }
    Optional<String> problem = Manifest.Link.problem(name, target);
    if (problem.isPresent()) {
      throw refused(name, target, problem.get());
    }
    Manifest.Link link = new Manifest.Link(name, target);
    if (!Files.exists(projectDir.resolve(link.resolved()))) {
      throw new SlipwayException(
          FailureKind.PROJECT, "SYMLINK_IN_CONTENT",
          name + " links to " + link.resolved() + ", which does not exist in the project",
          name + " -> " + target,
          "install the dependencies (npm ci) and build again (next build), so that the link and "
              + link.resolved() + " agree; then package again");
    }
    return link;
  }

  private static void refuseDevOnly(List<Manifest.Link> links, Path lockfile) {
    Map<String, Manifest.Link> byPackage = new LinkedHashMap<>();
    links.forEach(link -> byPackage.putIfAbsent(link.packageName(), link));
    List<String> devOnly = DevOnlyPackages.among(lockfile, byPackage.keySet());
    if (!devOnly.isEmpty()) {
      String names = String.join(", ", devOnly);
      Manifest.Link first = byPackage.get(devOnly.get(0));
      throw new SlipwayException(
          FailureKind.CONFIG_DEV_DEPENDENCY, "LINKED_DEV_DEPENDENCY",
          "the build loads " + names + " at run time (Turbopack links " + first.path() + " to it), but "
              + lockfile.getFileName() + " installs it for development only: the server installs with --omit=dev"
              + " and the routes that load it would fail",
          first.path() + " -> " + first.target(),
          "move " + names + " to dependencies (npm install --save-prod " + String.join(" ", devOnly) + "), then build and package again");
    }
  }

  private static SlipwayException refused(String name, String target, String why) {
    return new SlipwayException(
        FailureKind.PROJECT, "SYMLINK_IN_CONTENT",
        name + " is a symbolic link that cannot be shipped: " + why,
        name + " -> " + target,
        "archives carry only Turbopack's links into node_modules/ (docs/FORMAT.md, Links); "
            + "replace this link with the files it points to, or remove it");
  }
}
