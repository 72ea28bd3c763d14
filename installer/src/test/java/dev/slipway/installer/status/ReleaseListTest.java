package dev.slipway.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseListTest {
  private static final String OLD = "20261127T163001Z-old";
  private static final String DAMAGED = "20261127T163002Z-damaged";
  private static final String LIVE = "20261127T163003Z-live";

  @TempDir Path tmp;

  @Test
  void aReleaseWhoseManifestCannotBeReadIsListedWithTheProblemAndHidesNoOther() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    release(root, OLD, manifestJson("1.0.0"));
    release(root, DAMAGED, manifestJson("2.0.0").replace("\"formatVersion\":1", "\"formatVersion\":4"));
    release(root, LIVE, manifestJson("3.0.0"));
    CurrentLink.switchTo(root, LIVE);

    List<ReleaseList.Row> rows = ReleaseList.read(tmp);

    assertThat(rows).extracting(ReleaseList.Row::releaseId).containsExactly(LIVE, DAMAGED, OLD);
    assertThat(rows).extracting(ReleaseList.Row::version).containsExactly("3.0.0", "?", "1.0.0");
    assertThat(rows.get(1).problem()).contains(ArchiveLayout.MANIFEST).contains("format version 4");
    assertThat(rows.get(0).problem()).isNull();
    assertThat(rows.get(2).problem()).isNull();
  }

  @Test
  void aFileHardLinkedIntoSeveralReleasesCountsOnceInTheNewest() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    release(root, OLD, manifestJson("1.0.0"));
    release(root, LIVE, manifestJson("3.0.0"));
    CurrentLink.switchTo(root, LIVE);
    Path shared = Files.createDirectories(root.releaseDir(OLD).resolve("node_modules/react")).resolve("index.js");
    Files.write(shared, new byte[100_000]);
    Files.createDirectories(root.releaseDir(LIVE).resolve("node_modules/react"));
    Files.createLink(root.releaseDir(LIVE).resolve("node_modules/react/index.js"), shared);
    Files.write(root.releaseDir(OLD).resolve("only-old.txt"), new byte[1_000]);
    long manifestBytes = Files.size(root.releaseDir(LIVE).resolve(".deploy/manifest.json"));
    Files.write(root.defaultEnvFile(), new byte[10]);

    ReleaseList.Listing listing = ReleaseList.scan(tmp);

    assertThat(listing.rows()).extracting(ReleaseList.Row::sizeBytes)
        .containsExactly(100_000 + manifestBytes, 1_000 + Files.size(root.releaseDir(OLD).resolve(".deploy/manifest.json")));
    assertThat(listing.releasesBytes()).isEqualTo(listing.rows().get(0).sizeBytes() + listing.rows().get(1).sizeBytes());
    assertThat(listing.rootBytes()).isGreaterThanOrEqualTo(listing.releasesBytes() + 10);
  }

  @Test
  void longAppNamesKeepTheColumnsAligned() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    release(root, OLD, manifestJson("1.0.0"));
    release(root, LIVE, manifestJson("3.0.0-beta.12+build.7").replace("\"shop\"", "\"" + "a-very-long-app-name".repeat(3) + "\""));
    CurrentLink.switchTo(root, LIVE);

    List<String> lines = ReleaseTable.lines(ReleaseList.scan(tmp));

    List<String> table = lines.subList(0, 3);
    for (String heading : List.of("STATUS", "APP", "VERSION", "BUILD", "INSTALLED")) {
      int column = table.get(0).indexOf(heading);
      assertThat(table).allSatisfy(line -> assertThat(line.charAt(column - 1)).as(heading + " in: " + line).isEqualTo(' '))
          .allSatisfy(line -> assertThat(line.charAt(column)).as(heading + " in: " + line).isNotEqualTo(' '));
    }
    assertThat(table).extracting(String::length).containsOnly(table.get(0).length());
    assertThat(lines.get(3)).startsWith("on disk: releases ");
  }

  private static void release(ReleaseRoot root, String id, String manifest) throws IOException {
    Path deploy = Files.createDirectories(root.releaseDir(id).resolve(ArchiveLayout.DEPLOY_DIR));
    Files.writeString(deploy.resolve("manifest.json"), manifest);
  }

  private static String manifestJson(String version) {
    Manifest manifest = new Manifest(1, new Manifest.App("shop", version), "b1d", "2026-03-01T10:15:00Z",
        new Manifest.BuiltWith("v20.11.1", "10.8.2", "15.1.6", "linux", "x64", "115"), ">=20.9.0",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)),
        List.of(), List.of());
    return new String(Json.prettyBytes(manifest)).replace("\"formatVersion\" : 1", "\"formatVersion\":1");
  }
}
