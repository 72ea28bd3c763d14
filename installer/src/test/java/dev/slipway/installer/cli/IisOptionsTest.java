package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.cli.CapturedRun;
import dev.slipway.installer.release.Abort;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --iis-site and --iis-app on the command line (issue #25): what cannot work is a usage error. */
class IisOptionsTest {
  @TempDir Path tmp;

  private static CapturedRun run(String... args) {
    return CapturedRun.of(InstallerMain.commandLine(new Abort(), args[0]), args);
  }

  @Test
  void iisAppWithoutIisSiteIsAUsageErrorOfInstallAndRollback() {
    for (String[] args : new String[][] {
        {"install", "x.tar.gz", "--root", tmp.toString(), "--iis-app", "/shop"},
        {"rollback", "--root", tmp.toString(), "--iis-app", "/shop"}}) {
      CapturedRun run = run(args);

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).containsExactly(
          "error: --iis-app needs --iis-site (the site it belongs to)",
          "Run 'installer " + args[0] + " --help' for usage.");
    }
  }

  @Test
  void aSiteNameCmdOrAppcmdWouldReadIsAUsageError() {
    CapturedRun run = run("install", "x.tar.gz", "--root", tmp.toString(), "--iis-site", "shop\" & del");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().get(0)).startsWith("error: --iis-site 'shop\" & del' holds a character cmd.exe or appcmd would read");
  }
}
