package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ImmutableFlag;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.platform.Appcmd;
import dev.slipway.installer.platform.HostPlatform;
import dev.slipway.installer.platform.IisTarget;
import dev.slipway.installer.platform.RecordingRunner;
import dev.slipway.installer.platform.WindowsInUseRetry;
import dev.slipway.installer.platform.WindowsPlatform;
import dev.slipway.installer.user.AppUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install, a failed recycle and rollback with {@code --iis-site}, run by the real engines on the real
 * example app with the Windows platform (issue #25): every step is real but what only Windows has.
 * appcmd and reg are recorded (their exact command lines, in order, are the assertion) and mklink
 * makes an absolute symbolic link, Linux's stand-in for a junction, so {@code current} can be read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WindowsIisInstallIT {
  static final Map<String, String> ENV = Map.of("npm_config_prefer_offline", "true");

  @TempDir static Path tmp;
  static TestRoot root;
  static RecordingRunner runner;
  static HostPlatform windows;
  static String appcmd;
  static String v1;
  static String v2;

  @BeforeAll
  static void windowsWithASite() throws Exception {
    root = TestRoot.create(tmp.resolve("root"));
    Path exe = Files.createDirectories(tmp.resolve("inetsrv")).resolve("appcmd.exe");
    Files.writeString(exe, "");
    appcmd = exe.toString();
    runner = new RecordingRunner()
        .always(appcmd + " list site", 0, "SITE \"shop\" (id:2,bindings:http/*:80:,state:Started)")
        .always(appcmd + " list app shop/", 0, "shop-pool")
        .always(appcmd + " list apppool", 0, "ApplicationPoolIdentity")
        .doing(command -> {
          if (command.size() == 7 && command.get(3).equals("mklink")) {
            Files.createSymbolicLink(Path.of(command.get(5)), Path.of(command.get(6)));
          }
        });
    windows = new HostPlatform(new WindowsPlatform(runner, new WindowsInUseRetry(d -> {})),
        Optional.of(IisTarget.of("shop", null)), new Appcmd(exe), runner);
  }

  static InstallResult install(Path archive) throws Exception {
    return new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), StepHook.NONE).on(windows)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED));
  }

  static List<String> preflight() {
    return List.of(
        appcmd + " list site shop",
        appcmd + " list app shop/ /text:applicationPool",
        appcmd + " list apppool shop-pool /text:processModel.identityType");
  }

  static List<String> pointAt(String releaseId) {
    Path release = root.path().resolve("releases").resolve(releaseId);
    return List.of(
        "cmd.exe /d /c mklink /J " + root.path().resolve(".current.next") + " " + release,
        appcmd + " set vdir shop/ /physicalPath:" + release,
        appcmd + " recycle apppool shop-pool");
  }

  @SafeVarargs
  static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  static final String REG = "reg.exe query HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v LongPathsEnabled";

  @Test
  @Order(1)
  void eachInstallChecksTheSiteThenPointsItAtTheNewReleaseFolderAndRecyclesItsPool() throws Exception {
    v1 = install(TestArchives.v1()).releaseId();
    v2 = install(TestArchives.v2()).releaseId();

    assertThat(runner.lines()).containsExactlyElementsOf(concat(
        preflight(), List.of(REG), pointAt(v1),
        preflight(), List.of(REG), pointAt(v2)));
    assertThat(root.live()).contains(v2);
    assertThat(root.path().resolve("current")).isSymbolicLink();
    assertThat(root.path().resolve(".current.old")).doesNotExist();
    assertThat(Files.readAllLines(root.path().resolve("history.jsonl"))).last().asString()
        .contains("\"switchover\":\"IIS site 'shop'\"");
  }

  @Test
  @Order(2)
  void aFailedRecycleSwitchesTheJunctionAndTheSiteBackToTheReleaseThatServed() throws Exception {
    runner.clear();
    runner.answer(appcmd + " recycle apppool", 1, "ERROR ( message:The object identifier does not represent a valid object. )");

    SlipwayException failure = (SlipwayException) catchThrowable(() -> install(TestArchives.v3()));

    assertThat(failure.kind()).isEqualTo(FailureKind.LIVE_CHECK_ROLLED_BACK);
    assertThat(failure.causeCode()).isEqualTo("RESTART_FAILED");
    assertThat(failure.getMessage()).contains("recycling the app pool 'shop-pool' failed").contains("rolled back to " + v2);
    String v3 = runner.lines().stream().filter(line -> line.contains("mklink")).findFirst().orElseThrow()
        .replaceAll(".*releases/", "");
    assertThat(runner.lines()).containsExactlyElementsOf(concat(preflight(), List.of(REG), pointAt(v3), pointAt(v2)));
    assertThat(root.live()).contains(v2);
    assertThat(new ReleaseMarks(ReleaseRoot.open(root.path(), false)).isBad(v3)).isTrue();
  }

  @Test
  @Order(3)
  void rollbackChecksTheSiteThenPointsItAtTheOlderRelease() throws Exception {
    runner.clear();

    new Rollback(Reporter.SILENT, ENV, Clock.systemUTC()).on(windows).rollback(RollbackRequest.of(root.path()));

    assertThat(runner.lines()).containsExactlyElementsOf(concat(preflight(), pointAt(v1)));
    assertThat(root.live()).contains(v1);
  }

  @Test
  @Order(4)
  void aSiteThatDoesNotExistIsRefusedBeforeAnythingIsUnpackedOrSwitched() throws Exception {
    runner.clear();
    runner.answer(appcmd + " list site", 1, "ERROR ( message:Cannot find SITE object with identifier \"shop\". )");

    SlipwayException failure = (SlipwayException) catchThrowable(() -> install(TestArchives.v3()));

    assertThat(failure.kind()).isEqualTo(FailureKind.WEB_SERVER);
    assertThat(failure.causeCode()).isEqualTo("IIS_SITE_MISSING");
    assertThat(runner.lines()).containsExactly(appcmd + " list site shop");
    assertThat(root.live()).contains(v1);
    try (var entries = Files.list(root.path())) {
      assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".staging-"));
    }
  }

  @Test
  @Order(5)
  void anOldReleaseInUseIsAWarningTheLiveOneIsUntouchedAndTheNextInstallRemovesIt() throws Exception {
    // Live: v1 (rolled back to); v2 good, v3 bad. With --keep 2 the next install keeps itself and v2,
    // so v1 is due: made undeletable, it plays a release whose node.exe still holds a file.
    Path locked = root.path().resolve("releases").resolve(v1);
    assumeTrue(ImmutableFlag.set(locked), "no immutable flag here (chattr +i failed)");
    try {
      InstallResult result = installKeeping2(TestArchives.v2());

      assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("old releases could not be removed"));
      assertThat(locked).isDirectory();
      assertThat(root.live()).contains(result.releaseId());
    } finally {
      ImmutableFlag.clear(locked);
    }

    InstallResult next = installKeeping2(TestArchives.v1());

    assertThat(next.removedReleases()).contains(v1);
    assertThat(locked).doesNotExist();
  }

  static InstallResult installKeeping2(Path archive) throws Exception {
    return new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), StepHook.NONE).on(windows)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED).withKeep(2));
  }
}
