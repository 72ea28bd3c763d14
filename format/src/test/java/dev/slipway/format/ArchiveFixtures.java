package dev.slipway.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small archives written by the real writer, for reader and round-trip tests. */
final class ArchiveFixtures {
  private ArchiveFixtures() {}

  static Manifest manifest(List<FileEntry> files) {
    return manifest(List.of(), files);
  }

  static Manifest manifest(List<Manifest.Link> links, List<FileEntry> files) {
    return new Manifest(
        Manifest.formatVersionFor(links),
        new Manifest.App("demo", "1.0.0"),
        "build-1",
        null,
        new Manifest.BuiltWith("v20.11.1", "10.2.4", "15.0.0", "linux", "x64", "115"),
        ">=20",
        new Manifest.Start("iisnode", "server.js", null),
        new Manifest.Lockfile("package-lock.json", Sha256.of(new byte[0])),
        links,
        files);
  }

  static SortedMap<String, ArchiveSource> sources(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(".next/static/chunks"));
    Files.writeString(dir.resolve(".next/BUILD_ID"), "build-1");
    Files.writeString(dir.resolve(".next/static/chunks/app.js"), "console.log('app')".repeat(100));
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"demo\",\"version\":\"1.0.0\"}");
    SortedMap<String, ArchiveSource> sources = new TreeMap<>();
    sources.put(".next/BUILD_ID", ArchiveSource.file(dir.resolve(".next/BUILD_ID"), false));
    sources.put(".next/static/chunks/app.js", ArchiveSource.file(dir.resolve(".next/static/chunks/app.js"), false));
    sources.put("package.json", ArchiveSource.file(dir.resolve("package.json"), false));
    sources.put("server.js", ArchiveSource.bytes("require('next')".getBytes(StandardCharsets.UTF_8)));
    sources.put(
        ArchiveLayout.ENV_MANIFEST,
        ArchiveSource.bytes(Json.prettyBytes(new EnvManifest(List.of("GREETING"), List.of(), List.of(), List.of()))));
    return sources;
  }

  static ReproducibleArchiveWriter.Result write(Path target, SortedMap<String, ArchiveSource> sources) throws IOException {
    return new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(target, sources, manifest(List.of()).header(), ReproducibleArchiveWriter.Progress.NONE);
  }
}
