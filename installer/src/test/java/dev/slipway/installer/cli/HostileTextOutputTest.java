package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.cli.CapturedRun;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20: a release manifest edited by hand (whoever can write ROOT) with an OSC sequence in
 * {@code app.name} and a forged line in {@code app.version}. {@code list} reads releases leniently,
 * so it still lists them; no raw ESC or line break of theirs reaches the terminal.
 */
class HostileTextOutputTest {
  private static final String GOOD = "20261127T163001Z-good";
  private static final String HOSTILE = "20261127T163002Z-hostile";

  @TempDir Path tmp;

  @Test
  void listPrintsNoRawEscapeFromAHandEditedManifest() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    release(root, GOOD, manifestJson());
    release(root, HOSTILE, manifestJson()
        .replace("\"shop\"", "\"shop\\u001b]0;pwned\\u0007\\u001b]52;c;ZXZpbA==\\u0007\"")
        .replace("\"1.0.0\"", "\"1.0.0\\nok: forged line\""));
    CurrentLink.switchTo(root, GOOD);

    CapturedRun run = CapturedRun.of(InstallerMain.commandLine(new Abort(), "list"), "list", "--root", tmp.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("\u001b", "\u0007").doesNotContain("\nok: forged line");
    assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith(GOOD).contains("shop", "1.0.0"))
        .anySatisfy(line -> assertThat(line).startsWith(HOSTILE).contains("?"));
    assertThat(run.err()).noneSatisfy(line -> assertThat(line).containsAnyOf("\u001b", "\u0007"))
        .noneSatisfy(line -> assertThat(line).startsWith("ok:"))
        .anySatisfy(line -> assertThat(line).startsWith("warning: " + HOSTILE).contains("app.name 'shop\\x1b]0;pwned\\x07"));
  }

  private static void release(ReleaseRoot root, String id, String manifest) throws IOException {
    Path deploy = Files.createDirectories(root.releaseDir(id).resolve(ArchiveLayout.DEPLOY_DIR));
    Files.writeString(deploy.resolve("manifest.json"), manifest);
  }

  private static String manifestJson() {
    Manifest manifest = new Manifest(1, new Manifest.App("shop", "1.0.0"), "b1d", "2026-03-01T10:15:00Z",
        new Manifest.BuiltWith("v20.11.1", "10.8.2", "15.1.6", "linux", "x64", "115"), ">=20.9.0",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)),
        List.of(), List.of());
    return new String(Json.prettyBytes(manifest), java.nio.charset.StandardCharsets.UTF_8);
  }
}
