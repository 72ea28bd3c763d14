package dev.slipway.installer.steps;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.FailureKind;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Manifest;
import dev.slipway.format.Sha256;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code node_modules/} a release brought in its archive (issue #18, item 2), checked against
 * the manifest the release keeps in {@code .deploy/manifest.json}: every listed file there, a
 * regular file of the listed size (and, for {@code doctor}, SHA-256). The archive reader already
 * checked each file's hash as it wrote it; this is what it cannot see: a manifest that ships
 * dependencies yet lists no {@code node_modules/} at all, a bundled tree without a package the
 * lockfile requires ({@link BundledLockfile}), and files gone after unpacking (ownership changes,
 * someone's clean-up). A standalone tree is incomplete against the lockfile on purpose (Next copies
 * only what its traces name), so there the manifest is the whole truth.
 */
public final class ShippedModules {
  public static final String INCOMPLETE = "SHIPPED_DEPENDENCIES_INCOMPLETE";
  static final String PREFIX = "node_modules/";
  /** Problems quoted; the rest are counted. */
  static final int SHOWN = 8;

  /**
   * What a scan found.
   *
   * @param source {@code standalone} or {@code bundled}
   * @param files the manifest's files under node_modules/
   * @param problems the first {@value #SHOWN} problems, one line each
   * @param problemCount every problem found
   */
  public record Scan(String source, long files, List<String> problems, int problemCount) {
    public Scan {
      problems = List.copyOf(problems);
    }

    public boolean complete() {
      return problemCount == 0;
    }

    /** The problems quoted, one a line, with the count of those not quoted. */
    public String evidence() {
      return String.join("\n", problems) + (problemCount > problems.size()
          ? "\n(and " + (problemCount - problems.size()) + " more)" : "");
    }
  }

  private ShippedModules() {}

  /**
   * Checks the release's shipped node_modules before its smoke start.
   *
   * @return the scan, complete
   * @throws SlipwayException INTEGRITY, {@value #INCOMPLETE}, naming what is missing
   */
  public static Scan check(Path release) throws IOException {
    Scan scan = scan(release, false);
    if (!scan.complete()) {
      throw new SlipwayException(FailureKind.INTEGRITY, INCOMPLETE,
          "the release's " + scan.source() + " node_modules is incomplete: " + scan.problems().get(0)
              + (scan.problemCount() > 1 ? " (and " + (scan.problemCount() - 1) + " more)" : ""),
          scan.evidence(),
          "package again from a complete build (" + (ShippedDependencies.STANDALONE.equals(scan.source())
              ? "next build with output: 'standalone'" : "packager package --bundle-deps after npm ci")
              + "), or package without standalone/--bundle-deps so that the installer runs npm ci");
    }
    return scan;
  }

  /**
   * Compares the release's node_modules with its manifest; {@code hashes} also compares each file's
   * SHA-256 (doctor: the files may have changed since the install).
   *
   * @throws IllegalArgumentException when the release does not ship its dependencies
   */
  public static Scan scan(Path release, boolean hashes) throws IOException {
    List<String> problems = new ArrayList<>();
    int[] count = {0};
    long[] files = {0};
    Manifest.Header header;
    try (InputStream in = Files.newInputStream(release.resolve(ArchiveLayout.MANIFEST))) {
      header = Manifest.Header.readStreamingFiles(in, file -> {
        if (file.path().startsWith(PREFIX)) {
          files[0]++;
          problem(release, file, hashes).ifPresent(p -> note(problems, count, p));
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!header.shipsDependencies()) {
      throw new IllegalArgumentException(release + " does not ship its dependencies");
    }
    if (files[0] == 0 && BundledLockfile.declaresDependencies(release.resolve("package.json"))) {
      note(problems, count, "the manifest lists no file under node_modules/, yet package.json declares dependencies");
    }
    if (files[0] > 0 && !Files.isDirectory(release.resolve("node_modules"), LinkOption.NOFOLLOW_LINKS)) {
      note(problems, count, "node_modules/ is not a folder of the release");
    }
    if (ShippedDependencies.BUNDLED.equals(header.dependencies().source())) {
      for (String missing : BundledLockfile.missingPackages(release, header.lockfile().name())) {
        note(problems, count, missing + ": the lockfile requires it for production, and it is not in node_modules");
      }
    }
    return new Scan(header.dependencies().source(), files[0], problems, count[0]);
  }

  private static java.util.Optional<String> problem(Path release, FileEntry file, boolean hashes) {
    Path path = release.resolve(file.path());
    String name = TerminalText.escape(file.path());
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        return java.util.Optional.of(name + " is not a regular file");
      }
      if (attrs.size() != file.size()) {
        return java.util.Optional.of(name + " is " + attrs.size() + " bytes, the manifest says " + file.size());
      }
      if (hashes && !Sha256.of(path).equals(file.sha256())) {
        return java.util.Optional.of(name + " differs from the manifest's SHA-256 (changed since the install)");
      }
      return java.util.Optional.empty();
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.Optional.of(name + " is missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void note(List<String> problems, int[] count, String problem) {
    if (problems.size() < SHOWN) {
      problems.add(problem);
    }
    count[0]++;
  }
}
