package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.SlipwayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #20, section 5: state files are never written through a link planted in their place. */
class StateFilesTest {
  @TempDir Path tmp;

  @Test
  void historyRefusesToAppendThroughALinkAndLeavesItsTargetAlone() throws Exception {
    Path target = Files.writeString(tmp.resolve("outside"), "untouched\n");
    Path history = tmp.resolve("history.jsonl");
    Files.createSymbolicLink(history, target);

    assertThatThrownBy(() -> new History(history).append(new HistoryEntry("2026-12-05T12:00:00Z", HistoryEntry.INSTALL,
        "a".repeat(64), null, null, HistoryEntry.REFUSED, "lock", "X", 1)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo(StateFiles.IS_LINK));
    assertThat(Files.readString(target)).isEqualTo("untouched\n");
  }

  @Test
  void anAtomicWriteReplacesAPlantedLinkInsteadOfWritingThroughIt() throws Exception {
    Path target = Files.writeString(tmp.resolve("outside"), "untouched\n");
    Path holder = tmp.resolve("lock.holder");
    Files.createSymbolicLink(holder, target);

    AtomicFiles.write(holder, "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.isSymbolicLink(holder)).isFalse();
    assertThat(Files.readString(holder)).isEqualTo("{}");
    assertThat(Files.readString(target)).isEqualTo("untouched\n");
  }

  @Test
  void anAtomicWriteRefusesAPlantedFolderLink() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path marks = tmp.resolve("releases");
    Files.createSymbolicLink(marks, elsewhere);

    assertThatThrownBy(() -> AtomicFiles.write(marks.resolve("r1.json"), new byte[] {'x'}))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo(StateFiles.IS_LINK));
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void openingARootForWritingRefusesAPlantedStateLinkBeforeWritingAnything() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path target = Files.createDirectories(tmp.resolve("target"));
    Files.createSymbolicLink(root.resolve(".slipway"), target);

    assertThatThrownBy(() -> ReleaseRoot.open(root, true))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo(StateFiles.IS_LINK);
          assertThat(e.fix()).startsWith("remove the link (rm " + root.resolve(".slipway") + ")");
        });
    assertThat(root.resolve("releases")).doesNotExist();
  }

  @Test
  void aPrivateFolderIs0700() throws Exception {
    Path logs = StateFiles.privateFolder(tmp.resolve("a/logs"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
  }

  /** What ReleaseRoot.open does to a root it creates, so that a umask of 002 cannot get it refused next time. */
  @Test
  void takingWriteAwayFromOthersKeepsTheOwnersBits() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("new-root"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    StateFiles.notWritableByOthers(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void aGroupWritableStateFolderIsRefusedAsRootAndAPrivateOneAccepted() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("root"));
    ReleaseRoot root = ReleaseRoot.open(dir, true);
    StateOwnership.checkAsRoot(root); // made by open: 0700 state, 0755 root

    Files.setPosixFilePermissions(root.stateDir(), PosixFilePermissions.fromString("rwxrwx---"));

    assertThatThrownBy(() -> StateOwnership.checkAsRoot(root))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo(StateOwnership.NOT_PRIVATE);
          assertThat(e.fix()).startsWith("chown root: " + dir + " " + root.stateDir() + " && chmod go-w ");
        });
  }
}
