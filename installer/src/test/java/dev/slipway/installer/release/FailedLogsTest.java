package dev.slipway.installer.release;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.NpmCi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


class FailedLogsTest {
  @TempDir Path tmp;

  @Test
  void aRefusalNamesTheKeptLogNotTheStagingFolderThatIsRemoved() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Path staging = root.newStagingDir();
    Path log = NpmCi.logFile(staging);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "npm error code E404\n");
    SlipwayException failure = new SlipwayException(FailureKind.NPM_FAILED, "NPM_CI_FAILED",
        "npm ci --omit=dev failed (exit 1); see " + log, "npm error code E404", "read the npm output in " + log);

    SlipwayException reported = FailedLogs.keep(root, staging, "20261205T120000Z-abc", failure, Redactor.NONE);

    Path kept = root.stateDir().resolve("failed/20261205T120000Z-abc/npm-ci.log");
    assertThat(kept).hasContent("npm error code E404");
    assertThat(reported.getMessage()).isEqualTo("npm ci --omit=dev failed (exit 1); see " + kept);
    assertThat(reported.fix()).isEqualTo("read the npm output in " + kept);
    assertThat(reported.causeCode()).isEqualTo("NPM_CI_FAILED");
    assertThat(reported.kind()).isEqualTo(FailureKind.NPM_FAILED);
    assertThat(reported.evidence()).isEqualTo("npm error code E404");
  }
}
