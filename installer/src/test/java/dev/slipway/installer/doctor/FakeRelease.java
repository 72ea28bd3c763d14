package dev.slipway.installer.doctor;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.Sha256;
import dev.slipway.format.ShippedDependencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A root with one live release made of a few files, for the checks' unit tests: no archive, no
 * npm, no Next.js. The manifest lists the files present when {@link #manifest} is called.
 */
final class FakeRelease {
  static final String BUILD = "build1";
  static final String ID = "20261127T163000Z-" + BUILD;

  final Path root;
  final Path dir;

  private FakeRelease(Path root, Path dir) {
    this.root = root;
    this.dir = dir;
  }

  /** ROOT with releases/ID as current, shared/ and an empty release folder. */
  static FakeRelease create(Path tmp) throws IOException {
    Path root = tmp.resolve("root");
    Path dir = Files.createDirectories(root.resolve("releases").resolve(ID));
    Files.createDirectories(root.resolve("shared"));
    Files.createSymbolicLink(root.resolve("current"), Path.of("releases", ID));
    return new FakeRelease(root, dir);
  }

  FakeRelease file(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return this;
  }

  /** A complete build: .next/BUILD_ID (BUILD) and one file under .next/static. */
  FakeRelease build() throws IOException {
    return file(".next/BUILD_ID", BUILD + "\n").file(".next/static/chunks/main.js", "//");
  }

  /** An entry started with node. */
  FakeRelease manifest(String enginesNode, String builtWithNode, String entry) throws IOException {
    return manifest(enginesNode, builtWithNode, new Manifest.Start("iisnode", entry, null));
  }

  FakeRelease manifest(String enginesNode, String builtWithNode, Manifest.Start start) throws IOException {
    return manifest(enginesNode, builtWithNode, start, List.of());
  }

  /** With Turbopack's links (format version 2, issue #16); the links themselves are not created. */
  FakeRelease manifest(String enginesNode, String builtWithNode, Manifest.Start start, List<Manifest.Link> links)
      throws IOException {
    return write(new Manifest(Manifest.formatVersionFor(links), new Manifest.App("fake-app", "1.0.0"), BUILD, null,
        new Manifest.BuiltWith(builtWithNode, "10.0.0", "15.0.0", "linux", "x64", "115"), enginesNode, start,
        new Manifest.Lockfile("package-lock.json", "0".repeat(64)), links, listed(false)));
  }

  /** A release that brought its node_modules (format version 3, issue #18): the manifest lists them too. */
  FakeRelease shippedManifest(ShippedDependencies dependencies) throws IOException {
    return shippedManifest(dependencies, new Manifest.BuiltWith("v20.11.1", "10.0.0", "15.0.0", "linux", "x64", "115"));
  }

  FakeRelease shippedManifest(ShippedDependencies dependencies, Manifest.BuiltWith builtWith) throws IOException {
    return write(new Manifest(Manifest.DEPENDENCIES_FORMAT_VERSION, new Manifest.App("fake-app", "1.0.0"), BUILD, null,
        builtWith, null,
        new Manifest.Start("iisnode", "server.js", null), new Manifest.Lockfile("package-lock.json", "0".repeat(64)),
        dependencies, List.of(), listed(true)));
  }

  private List<FileEntry> listed(boolean withModules) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(file).toString();
        if (!rel.startsWith(".deploy/") && (withModules || !rel.startsWith("node_modules/")) && !rel.equals(".env.production")) {
          files.add(new FileEntry(rel, Files.size(file), FileEntry.MODE_FILE, Sha256.of(file)));
        }
      }
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return files;
  }

  private FakeRelease write(Manifest manifest) throws IOException {
    Files.createDirectories(dir.resolve(".deploy"));
    Files.write(dir.resolve(".deploy/manifest.json"), Json.prettyBytes(manifest));
    return this;
  }

  FakeRelease envManifest(List<String> required, List<String> optional, List<String> undeclared) throws IOException {
    Files.createDirectories(dir.resolve(".deploy"));
    Files.write(dir.resolve(".deploy/env.json"), Json.prettyBytes(new EnvManifest(required, optional, List.of(), undeclared)));
    return this;
  }

  LiveRelease open() throws IOException {
    return LiveRelease.open(root);
  }
}
