package dev.slipway.installer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #20: npm's ENOSPC is found where npm left it; NpmDiskFullIT fills a real disk. */
class NpmDiskFullTest {
  @TempDir Path release;
  @TempDir Path cache;

  @Test
  void npmsEnospcWarningInItsOutputIsTheEvidence() throws Exception {
    Path log = Files.writeString(release.resolve("npm-ci.log"),
        "old run\nnpm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write\nnpm error code 1\n");

    assertThat(NpmDiskFull.evidence(release, cache, log, "old run\n".length(), Instant.now()))
        .contains("npm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write");
  }

  @Test
  void withItsOutputLostNpmsDebugLogOfThisRunIsRead() throws Exception {
    Instant started = Instant.now();
    Path log = Files.writeString(release.resolve("npm-ci.log"), ""); // on the full disk: nothing got written
    Files.createDirectories(cache.resolve("_logs"));
    Files.writeString(cache.resolve("_logs/2026-12-05T15_35_08_290Z-debug-0.log"),
        "17 silly tar x\n18 warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write\n");

    assertThat(NpmDiskFull.evidence(release, cache, log, 0, started))
        .contains("18 warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write");
  }

  @Test
  void anotherFailureOnADiskWithRoomIsNotDiskFull() throws Exception {
    Path log = Files.writeString(release.resolve("npm-ci.log"), "npm error code ENOTFOUND\n");
    Files.createDirectories(cache.resolve("_logs"));
    Files.writeString(cache.resolve("_logs/old-debug-0.log"), "ENOSPC: no space left on device\n");
    Files.setLastModifiedTime(cache.resolve("_logs/old-debug-0.log"),
        java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));

    assertThat(NpmDiskFull.evidence(release, cache, log, 0, Instant.now())).isEmpty();
  }

  @Test
  void theFailureIsDiskFullWithExit30() {
    var failure = NpmDiskFull.failure(release, release.resolve("npm-ci.log"), "0 bytes free");
    assertThat(failure.kind()).isEqualTo(FailureKind.DISK_FULL);
    assertThat(failure.kind().exitCode()).isEqualTo(30);
    assertThat(failure.causeCode()).isEqualTo("DISK_FULL");
  }
}
