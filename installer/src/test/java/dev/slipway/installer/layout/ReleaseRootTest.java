package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRootTest {

  @TempDir Path tmp;

  @Test
  void openWithCreateMakesTheFolders() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("app"), true);

    assertThat(root.path()).isEqualTo(tmp.resolve("app"));
    assertThat(root.releasesDir()).isDirectory().isEqualTo(tmp.resolve("app/releases"));
    assertThat(root.sharedDir()).isDirectory().isEqualTo(tmp.resolve("app/shared"));
    assertThat(root.stateDir()).isDirectory().isEqualTo(tmp.resolve("app/.slipway"));
    assertThat(root.current()).isEqualTo(tmp.resolve("app/current")).doesNotExist();
    assertThat(root.historyFile()).isEqualTo(tmp.resolve("app/history.jsonl"));
    assertThat(root.defaultEnvFile()).isEqualTo(tmp.resolve("app/shared/.env.production"));
    assertThat(root.npmCacheDir()).isEqualTo(tmp.resolve("app/shared/npm-cache"));
    // The write probe cleans up after itself.
    try (var entries = Files.list(root.path())) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("releases", "shared", ".slipway");
    }
  }

  @Test
  void openWithoutCreateCreatesNothing() throws IOException {
    Files.createDirectories(tmp.resolve("app"));
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("app"), false);
    assertThat(root.releasesDir()).doesNotExist();
    assertThat(root.stateDir()).doesNotExist();
  }

  @Test
  void openWithoutCreateRefusesMissingRoot() {
    assertThatThrownBy(() -> ReleaseRoot.open(tmp.resolve("nope"), false))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
              assertThat(e.causeCode()).isEqualTo("ROOT_MISSING");
            });
  }

  @Test
  void openRefusesAFileAsRoot() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> ReleaseRoot.open(file, true))
        .isInstanceOfSatisfying(
            SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("ROOT_NOT_A_FOLDER"));
  }

  @Test
  void openRefusesReadOnlyRoot() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("ro"));
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "needs POSIX modes");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(
          Files.isWritable(dir),
          "running as root (or with CAP_DAC_OVERRIDE): permission bits do not stop writes, so a"
              + " read-only folder cannot be made this way; openRefusesUnwritableRootEvenForRoot"
              + " covers the probe");
      assertUnwritable(dir);
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void openRefusesUnwritableRootEvenForRoot() {
    // /proc/self is a folder no user, root included, can create files in: the write probe must
    // notice even where permission checks say "writable".
    Path proc = Path.of("/proc/self");
    assumeTrue(Files.isDirectory(proc), "needs Linux /proc");
    assertUnwritable(proc);
  }

  private static void assertUnwritable(Path dir) {
    assertThatThrownBy(() -> ReleaseRoot.open(dir, true))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
              assertThat(e.causeCode()).isEqualTo("ROOT_UNWRITABLE");
              assertThat(e.getMessage()).startsWith("cannot write into the root " + dir);
              assertThat(e.evidence()).isNotBlank();
            });
  }

  @Test
  void realCurrentFolderIsRefusedWithTheAdoptCommand() throws IOException {
    Path app = tmp.resolve("app");
    Files.createDirectories(app.resolve("current"));

    assertThatThrownBy(() -> ReleaseRoot.open(app, true))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
              assertThat(e.causeCode()).isEqualTo("CURRENT_NOT_A_LINK");
              assertThat(e.getMessage()).contains("installer adopt --root " + app);
              assertThat(e.fix()).contains("installer adopt --root " + app);
            });
    // Refused before anything was created.
    assertThat(app.resolve("releases")).doesNotExist();
  }

  @Test
  void currentLinkingOutsideReleasesIsRefused() throws IOException {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(app.resolve("current"), elsewhere);

    assertThatThrownBy(() -> ReleaseRoot.open(app, false))
        .isInstanceOfSatisfying(
            SlipwayException.class,
            e -> assertThat(e.causeCode()).isEqualTo("CURRENT_FOREIGN_LINK"));
  }

  @Test
  void releaseDirRefusesIdsThatWouldLeaveReleases() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    assertThatThrownBy(() -> root.releaseDir("../../etc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(root.releaseDir(Fixtures.id(0, "a")))
        .isEqualTo(tmp.resolve("releases/20261127T163000Z-a"));
  }

  @Test
  void stagingDirsAreFreshFoldersInsideRoot() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Path a = root.newStagingDir();
    Path b = root.newStagingDir();
    Files.writeString(tmp.resolve(".staging-not-a-folder"), "x");

    assertThat(a).isNotEqualTo(b).isDirectory().isEmptyDirectory();
    assertThat(a.getParent()).isEqualTo(root.path());
    assertThat(a.getFileName().toString()).matches("\\.staging-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
    assertThat(root.stagingDirs()).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void adoptMovesTheRealFolderIntoReleasesAndLinksIt() throws IOException {
    Path app = tmp.resolve("app");
    Path manual = Files.createDirectories(app.resolve("current"));
    Files.writeString(manual.resolve("server.js"), "manual deploy");
    Object inodeBefore = Files.readAttributes(manual, "unix:ino").get("ino");
    String id = Fixtures.id(0, "adopted");

    ReleaseRoot root = ReleaseRoot.openForAdoption(app);
    assertThat(root.adoptCurrentDirectory(id)).isEqualTo(id);

    assertThat(Files.isSymbolicLink(root.current())).isTrue();
    assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases", id));
    assertThat(root.current().resolve("server.js")).hasContent("manual deploy");
    // Renamed, not copied: the running app's folder is the very same inode.
    assertThat(Files.readAttributes(root.releaseDir(id), "unix:ino").get("ino"))
        .isEqualTo(inodeBefore);
    assertThat(app.resolve(ReleaseRoot.ADOPTING_LINK)).doesNotExist();
    assertThat(CurrentLink.liveReleaseId(ReleaseRoot.open(app, true))).contains(id);
  }

  @Test
  void adoptRefusesWhenCurrentIsAlreadyALink() throws IOException {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Fixtures.release(root, Fixtures.id(0, "a"));
    CurrentLink.switchTo(root, Fixtures.id(0, "a"));

    assertThatThrownBy(() -> root.adoptCurrentDirectory(Fixtures.id(1, "b")))
        .isInstanceOfSatisfying(
            SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("NOTHING_TO_ADOPT"));
    assertThat(CurrentLink.liveReleaseId(root)).contains(Fixtures.id(0, "a"));
  }

  @Test
  void adoptRefusesToOverwriteAnExistingRelease() throws IOException {
    Path app = tmp.resolve("app");
    Files.createDirectories(app.resolve("current"));
    ReleaseRoot root = ReleaseRoot.openForAdoption(app);
    Fixtures.release(root, Fixtures.id(0, "a"));

    assertThatThrownBy(() -> root.adoptCurrentDirectory(Fixtures.id(0, "a")))
        .isInstanceOfSatisfying(
            SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("RELEASE_EXISTS"));
    assertThat(Files.isSymbolicLink(root.current())).isFalse();
    assertThat(root.current()).isDirectory();
  }

  @Test
  void adoptFinishesARunInterruptedBetweenTheTwoRenames() throws IOException {
    ReleaseRoot root = ReleaseRoot.openForAdoption(tmp);
    String moved = Fixtures.id(0, "adopted");
    Fixtures.release(root, moved);
    Files.createSymbolicLink(
        tmp.resolve(ReleaseRoot.ADOPTING_LINK), Path.of("releases", moved));

    // The re-run picks a new id; the half-done adoption wins.
    assertThat(root.adoptCurrentDirectory(Fixtures.id(9, "adopted"))).isEqualTo(moved);
    assertThat(root.current().resolve("marker")).hasContent(moved);
    assertThat(root.releasesDir().resolve(Fixtures.id(9, "adopted"))).doesNotExist();
  }

  @Test
  void adoptWithNothingThereIsRefused() throws IOException {
    ReleaseRoot root = ReleaseRoot.openForAdoption(tmp);
    assertThatThrownBy(() -> root.adoptCurrentDirectory(Fixtures.id(0, "a")))
        .isInstanceOfSatisfying(
            SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("NOTHING_TO_ADOPT"));
  }

  @Test
  void equalRootsAreEqual() throws IOException {
    assertThat(ReleaseRoot.open(tmp, true)).isEqualTo(ReleaseRoot.open(tmp.resolve("x/.."), true));
    assertThat(Set.of(ReleaseRoot.open(tmp, true))).hasSize(1);
  }
}
