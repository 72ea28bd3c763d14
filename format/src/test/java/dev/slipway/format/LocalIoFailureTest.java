package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** What an exception nobody caught is reported as: the host's failure, or a bug of ours. */
class LocalIoFailureTest {

  @Test
  void aFullDiskAnywhereInTheCausesIsDiskFull() {
    SlipwayException failure = FailureText.asFailure(
        new UncheckedIOException("copying node_modules", new IOException("No space left on device")));

    assertThat(failure.kind()).isEqualTo(FailureKind.DISK_FULL);
    assertThat(failure.causeCode()).isEqualTo("DISK_FULL");
    assertThat(failure.getMessage()).contains("No space left on device");
  }

  @Test
  void aUsedUpQuotaIsDiskFullToo() {
    assertThat(FailureText.asFailure(new IOException("Disk quota exceeded")).kind()).isEqualTo(FailureKind.DISK_FULL);
  }

  @Test
  void aFileTheFileSystemRefusesIsLocalIoNamingTheFileAndTheReason() {
    SlipwayException failure = FailureText.asFailure(
        new FileSystemException("/srv/app/.slipway/history.jsonl", null, "Read-only file system"));

    assertThat(failure.kind()).isEqualTo(FailureKind.LOCAL_IO);
    assertThat(failure.kind().exitCode()).isEqualTo(32);
    assertThat(failure.getMessage())
        .isEqualTo("cannot read or write /srv/app/.slipway/history.jsonl: Read-only file system");
    assertThat(failure.fix()).startsWith("the file system is mounted read-only: remount it read-write");
  }

  @Test
  void theFixFollowsWhatTheFileSystemSaid() {
    assertThat(FailureText.asFailure(new AccessDeniedException("/srv/app/x")).fix())
        .startsWith("run Slipway as the user that owns the folder");
    assertThat(FailureText.asFailure(new FileSystemException("/srv/app/x", null, "Permission denied")).fix())
        .startsWith("run Slipway as the user that owns the folder");
    assertThat(FailureText.asFailure(new FileSystemException("/tmp/a-file/into", null, "Not a directory")).fix())
        .startsWith("a file stands where a folder is expected");
    assertThat(FailureText.asFailure(new FileSystemException("/srv/app/x", null, "Input/output error")).fix())
        .startsWith("the disk reports errors");
    assertThat(FailureText.asFailure(new FileSystemException("/srv/app/x", null, "Too many levels of symbolic links")).fix())
        .startsWith("check that the user running Slipway may read and write it");
  }

  @Test
  void aDeniedFileWithoutAReasonIsNamedByItsKind() {
    SlipwayException failure = FailureText.asFailure(
        new UncheckedIOException(new AccessDeniedException("/srv/app/releases/r1/node_modules")));

    assertThat(failure.kind()).isEqualTo(FailureKind.LOCAL_IO);
    assertThat(failure.getMessage()).isEqualTo("cannot read or write /srv/app/releases/r1/node_modules: AccessDeniedException");
  }

  @Test
  void anythingElseStaysAnInternalError() {
    assertThat(FailureText.asFailure(new IOException("Stream closed")).kind()).isEqualTo(FailureKind.INTERNAL);
    assertThat(FailureText.asFailure(new IllegalStateException("bug")).kind()).isEqualTo(FailureKind.INTERNAL);
  }

  @Test
  void aSlipwayFailureIsReportedAsItIs() {
    SlipwayException refusal = new SlipwayException(FailureKind.INTEGRITY, "HASH_MISMATCH", "archive refused", null, "fix");

    assertThat(FailureText.asFailure(refusal)).isSameAs(refusal);
  }
}
