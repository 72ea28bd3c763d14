package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A root lifecycle script that runs a devDependency's program is refused when packaging (issue #16, item 6). */
class LifecycleScriptsCheckTest extends SyntheticProjectTestBase {
  /** The synthetic project with husky (bin "husky") and patch-package as devDependencies, and a prepare script. */
  private void withScript(String name, String script) throws IOException {
    SyntheticProject.write(project, "package.json", Files.readString(project.resolve("package.json"))
        .replace("\"start\": \"next start\"", "\"start\": \"next start\", \"" + name + "\": \"" + script + "\"")
        .replace("\"is-number\": \"^7.0.0\"", "\"is-number\": \"^7.0.0\", \"husky\": \"^9.1.7\", \"patch-package\": \"^8.0.0\""));
    SyntheticProject.write(project, "package-lock.json", Files.readString(project.resolve("package-lock.json"))
        .replace("\"devDependencies\": { \"is-number\": \"^7.0.0\" }",
            "\"devDependencies\": { \"husky\": \"^9.1.7\", \"is-number\": \"^7.0.0\", \"patch-package\": \"^8.0.0\" }")
        .replace("\"node_modules/is-number\": { \"version\": \"7.0.0\", \"dev\": true }",
            "\"node_modules/is-number\": { \"version\": \"7.0.0\", \"dev\": true },"
                + "\"node_modules/husky\": { \"version\": \"9.1.7\", \"dev\": true, \"bin\": { \"husky\": \"bin.js\" } },"
                + "\"node_modules/patch-package\": { \"version\": \"8.0.0\", \"dev\": true,"
                + " \"bin\": { \"patch-package\": \"index.js\" } },"
                + "\"node_modules/next/node_modules/husky\": { \"version\": \"9.1.7\", \"bin\": { \"husky\": \"bin.js\" } }"));
  }

  @Test
  void refusesAPrepareScriptThatRunsHuskyWithTheFixThatMakesItOptional() throws IOException {
    withScript("prepare", "husky");

    SlipwayException e = packing.refused(FailureKind.CONFIG_DEV_DEPENDENCY, "LIFECYCLE_USES_DEV_TOOL");

    assertThat(e.getMessage()).contains("\"prepare\" script runs husky", "devDependency husky");
    assertThat(e.evidence()).isEqualTo("\"prepare\": \"husky\"");
    assertThat(e.fix()).contains("\"prepare\": \"husky || true\"", "npm install --save-prod husky");
  }

  @Test
  void refusesAPostinstallThatRunsADevToolThroughNpx() throws IOException {
    withScript("postinstall", "npx patch-package && node -v");

    SlipwayException e = packing.refused(FailureKind.CONFIG_DEV_DEPENDENCY, "LIFECYCLE_USES_DEV_TOOL");

    assertThat(e.fix()).contains("append || true to the patch-package command in \"postinstall\"");
  }

  @Test
  void aDevPackageWithoutBinIsTakenAsItsOwnProgram() throws IOException {
    withScript("install", "CI=1 is-number");

    packing.refused(FailureKind.CONFIG_DEV_DEPENDENCY, "LIFECYCLE_USES_DEV_TOOL");
  }

  @Test
  void acceptsAScriptThatToleratesTheToolsAbsence() throws IOException {
    withScript("prepare", "husky || true");

    assertThat(packing.pack().archive()).exists();
  }

  @Test
  void acceptsScriptsThatAreNotRunByNpmCiOrRunProductionPrograms() throws IOException {
    withScript("lint", "husky");
    assertThat(packing.pack().archive()).exists();

    withScript("postinstall", "next telemetry disable");
    assertThat(packing.pack(packing.request().withOutDir(tmp.resolve("out2"))).archive()).exists();
  }
}
