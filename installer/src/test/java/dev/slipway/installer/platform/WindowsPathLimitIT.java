package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows path-length arithmetic on a real archive (issue #25, item 4): hello-next packaged by
 * the real packager, its manifest read back as the installer reads it.
 */
class WindowsPathLimitIT {
  @TempDir static Path tmp;
  private static Manifest manifest;
  private static String longestEntry;
  private static Path archive;

  @BeforeAll
  static void packageTheExample() throws Exception {
    Path app = ExampleApp.freshCopy(tmp.resolve("app"));
    archive = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(tmp.resolve("out"))).archive();
    try (InputStream in = Files.newInputStream(archive)) {
      manifest = SafeArchiveReader.readManifest(in);
    }
    longestEntry = Stream.concat(manifest.files().stream().map(FileEntry::path),
            manifest.links().stream().map(Manifest.Link::path))
        .max(Comparator.comparingInt(String::length)).orElseThrow();
  }

  @Test
  void theLongestPathIsTheLongestEntryBelowTheReleaseFolder() {
    Path folder = Path.of("C:\\srv\\shop\\releases\\20261205T190000Z-abc");

    PathLimit.Longest longest = PathLimit.longest(manifest, folder, 40).orElseThrow();

    assertThat(longest.entry()).hasSameSizeAs(longestEntry);
    assertThat(longest.length()).isEqualTo(40 + 1 + longestEntry.length());
    assertThat(manifest.files()).hasSizeGreaterThan(10); // a real listing, not a toy
  }

  @Test
  void aPathOf250CharactersIsRefusedAnd249IsNot() {
    Path folder = Path.of("C:\\srv\\shop\\releases\\r");
    int reaching = PathLimit.WINDOWS_LIMIT - 1 - longestEntry.length();

    assertThatThrownBy(() -> PathLimit.windows(false).check(manifest, folder, reaching))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
          assertThat(e.causeCode()).isEqualTo(PathLimit.CAUSE);
          assertThat(e.getMessage()).contains("250 characters");
          assertThat(e.evidence()).contains(longestEntry);
          assertThat(e.fix()).contains("LongPathsEnabled");
        });
    assertThatCode(() -> PathLimit.windows(false).check(manifest, folder, reaching - 1)).doesNotThrowAnyException();
    assertThatCode(() -> PathLimit.windows(true).check(manifest, folder, reaching + 500)).doesNotThrowAnyException();
    assertThatCode(() -> PathLimit.NONE.check(manifest, folder, reaching + 500)).doesNotThrowAnyException();
  }

  @Test
  void theWindowsPreflightRefusesARootThatMakesTheLongestPathReach250BeforeUnpacking() throws Exception {
    RecordingRunner runner = new RecordingRunner();
    HostPlatform windows = new HostPlatform(new WindowsPlatform(runner, InUseRetry.ONCE), Optional.empty(),
        new Appcmd(tmp.resolve("no-appcmd.exe")), runner);
    // A root so deep that the longest entry lands exactly on the limit below the release folder.
    Path shallow = tmp.resolve("r");
    int rootLength = PathLimit.WINDOWS_LIMIT - (lengthBelow(shallow) - shallow.toString().length());
    Path deep = tmp.resolve("r" + "x".repeat(rootLength - shallow.toString().length()));
    ReleaseRoot root = ReleaseRoot.open(deep, true);
    Path staging = root.newStagingDir();

    assertThatThrownBy(() -> windows.beforeUnpack(archive, root, staging, Reporter.SILENT))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo(PathLimit.CAUSE));
    assertThat(runner.lines()).containsExactly(
        "reg.exe query HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v LongPathsEnabled");
    assertThat(staging).isEmptyDirectory();

    RecordingRunner enabled = new RecordingRunner().answer("reg.exe", 0, "    LongPathsEnabled    REG_DWORD    0x1");
    HostPlatform longPaths = new HostPlatform(new WindowsPlatform(enabled, InUseRetry.ONCE), Optional.empty(),
        new Appcmd(tmp.resolve("no-appcmd.exe")), enabled);
    assertThat(longPaths.beforeUnpack(archive, root, staging, Reporter.SILENT)).isEmpty();
    assertThat(HostPlatform.linux().beforeUnpack(archive, root, staging, Reporter.SILENT)).isEmpty();
  }

  /** The length the longest entry gets below the release folder of a root at {@code root}. */
  private static int lengthBelow(Path root) {
    Path releases = root.resolve("releases");
    Path staging = root.resolve(".staging-20261205T190000Z-01234567");
    return PathLimit.folderLength(staging, releases, manifest.buildId()) + 1 + longestEntry.length();
  }

  @Test
  void theFolderCountedIsTheLongerOfTheStagingFolderAndTheReleaseFolderWithItsId() {
    Path releases = Path.of("/srv/shop/releases");
    int idLength = ReleaseId.next(Instant.EPOCH, manifest.buildId(), Set.of()).value().length();
    Path shortStaging = Path.of("/srv/shop/.s");
    Path longStaging = Path.of("/srv/shop/.staging-20261205T190000Z-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    assertThat(PathLimit.folderLength(shortStaging, releases, manifest.buildId()))
        .isEqualTo(releases.toString().length() + 1 + idLength + PathLimit.ID_SUFFIX_ROOM);
    assertThat(PathLimit.folderLength(longStaging, releases, manifest.buildId()))
        .isEqualTo(Math.max(longStaging.toString().length(), releases.toString().length() + 1 + idLength + 3));
  }
}
