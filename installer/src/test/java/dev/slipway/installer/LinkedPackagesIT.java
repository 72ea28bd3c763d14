package dev.slipway.installer;

import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.Sha256;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/**
 * Issue #16, item 1, with real npm ci and real node: a release whose build requires a package by
 * Turbopack's hashed name ({@code .next/node_modules/tiny-cron-850d997d12dc4759}) gets the link
 * the manifest lists once npm ci has installed the package, and starts; a release whose linked
 * package npm ci does not install is refused before the smoke start, naming the real package.
 *
 * <p>The package is a {@code file:} dependency inside the release (npm installs it as a link of
 * its own, {@code node_modules/tiny-cron -> ../vendor/tiny-cron}), so no registry is needed. The
 * archives are written with the format's writer, as the packager of issue #16 writes them.
 */
class LinkedPackagesIT {
  private static final String HASHED = "tiny-cron-850d997d12dc4759";

  @TempDir Path tmp;

  @AfterEach
  void nothingLeftRunning() {
    TestRoot.assertNoChildProcessesLeft();
  }

  /** server.js loads the server chunk at start; the chunk requires the package by its hashed name, as Turbopack's do. */
  private Path archive(String name, String linkedPackage, boolean dependsOnIt) throws IOException {
    SortedMap<String, ArchiveSource> files = new TreeMap<>();
    String dependencies = dependsOnIt ? ",\"dependencies\":{\"tiny-cron\":\"file:vendor/tiny-cron\"}" : "";
    text(files, "package.json", "{\"name\":\"linked\",\"version\":\"1.0.0\"" + dependencies + "}\n");
    String lock = "{\"name\":\"linked\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{"
        + "\"\":{\"name\":\"linked\",\"version\":\"1.0.0\"" + dependencies + "}"
        + (dependsOnIt ? ",\"node_modules/tiny-cron\":{\"resolved\":\"vendor/tiny-cron\",\"link\":true},"
            + "\"vendor/tiny-cron\":{\"version\":\"1.0.0\"}" : "")
        + "}}\n";
    text(files, "package-lock.json", lock);
    text(files, "vendor/tiny-cron/package.json", "{\"name\":\"tiny-cron\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
    text(files, "vendor/tiny-cron/index.js", "module.exports = () => 'scheduled';\n");
    text(files, ".next/BUILD_ID", name);
    text(files, ".next/static/chunks/main.js", "console.log('main');\n");
    text(files, ".next/server/chunk.js", "module.exports = require('" + HASHED + "');\n");
    text(files, "server.js", """
        const schedule = require('./.next/server/chunk.js');
        require('http').createServer((req, res) => res.end(schedule()))
          .listen(Number(process.env.PORT), process.env.HOSTNAME);
        """);
    List<Manifest.Link> links = List.of(new Manifest.Link(".next/node_modules/" + HASHED, "../../node_modules/" + linkedPackage));
    Manifest.Header header = new Manifest.Header(Manifest.formatVersionFor(links), new Manifest.App("linked", "1.0.0"),
        name, null, new Manifest.BuiltWith("v20.11.1", "10.2.4", "16.4.6", "linux", "x64", "115"), ">=20",
        new Manifest.Start("none", "server.js", null),
        new Manifest.Lockfile("package-lock.json", Sha256.of(lock.getBytes(StandardCharsets.UTF_8))), links);
    return CraftedArchive.write(tmp.resolve(name + ".tar.gz"), files, header);
  }

  private static void text(SortedMap<String, ArchiveSource> files, String path, String content) {
    CraftedArchive.text(files, path, content);
  }

  private static InstallResult install(Path archive, TestRoot root) throws IOException {
    // The archives claim Node 20; the host's Node may be newer.
    return new Installer(Reporter.SILENT, InstallerEndToEndIT.ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED).withNode("node", true));
  }

  @Test
  void theLinkIsCreatedAfterNpmCiAndALinkedPackageNpmCiDidNotInstallIsRefusedByItsRealName() throws Exception {
    TestRoot root = TestRoot.create(tmp.resolve("root"));

    Path goodArchive = archive("linked-good", "tiny-cron", true);
    InstallResult first = install(goodArchive, root);

    Path live = root.path().resolve("current");
    assertThat(first.npmDecision()).startsWith("npm ci");
    assertThat(Files.readSymbolicLink(live.resolve(".next/node_modules/" + HASHED)))
        .isEqualTo(Path.of("../../node_modules/tiny-cron"));
    assertThat(live.resolve(".next/node_modules/" + HASHED + "/index.js")).exists();

    // The same lockfile again: node_modules is reused from the live release, and the link made anew.
    // The env file changes first: the archive already live with the same env is a no-op (issue #24).
    Path envFile = root.path().resolve("shared/.env.production");
    Files.writeString(envFile, Files.readString(envFile) + "# edited\n");
    InstallResult good = install(goodArchive, root);

    assertThat(good.npmDecision()).startsWith("reused from " + first.releaseId());
    assertThat(root.live()).contains(good.releaseId());
    assertThat(live.resolve(".next/node_modules/" + HASHED + "/index.js")).exists();
    List<String> releases = root.releases();

    SlipwayException refusal = catchThrowableOfType(
        () -> install(archive("linked-missing", "tiny-cron", false), root), SlipwayException.class);

    assertThat(refusal.kind()).isEqualTo(FailureKind.NPM_FAILED);
    assertThat(refusal.causeCode()).isEqualTo("LINKED_PACKAGE_MISSING");
    assertThat(refusal.getMessage()).isEqualTo("the build links .next/node_modules/" + HASHED
        + " to node_modules/tiny-cron, but npm ci did not install tiny-cron");
    assertThat(refusal.fix()).startsWith("add tiny-cron to dependencies in package.json (npm install --save-prod tiny-cron)")
        .doesNotContain("850d997d12dc4759");
    assertThat(root.live()).contains(good.releaseId());
    assertThat(root.releases()).isEqualTo(releases);
    root.assertNoStagingLeft();
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains("\"causeCode\":\"LINKED_PACKAGE_MISSING\"").contains("\"failedStep\":\"npm\"");
  }
}
