package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact appcmd command lines of the IIS switch, in order (issue #25), on a host without IIS. */
class IisSwitchTest {
  @TempDir Path tmp;
  private Appcmd appcmd;
  private String exe;
  private final RecordingRunner runner = new RecordingRunner();
  private static final Path NEW = Path.of("C:\\srv\\shop\\releases\\20261205T190000Z-b2");
  private static final Path OLD = Path.of("C:\\srv\\shop\\releases\\20261204T120000Z-b1");

  @BeforeEach
  void fakeAppcmd() throws Exception {
    Path file = Files.createDirectories(tmp.resolve("inet srv")).resolve("appcmd.exe");
    Files.writeString(file, "");
    appcmd = new Appcmd(file);
    exe = "\"" + file + "\"";
  }

  @Test
  void preflightAsksForTheSiteItsAppPoolAndTheIdentity() throws Exception {
    runner.answer(exe + " list site", 0, "SITE \"Default Web Site\" (id:1,bindings:http/*:80:,state:Started)")
        .answer(exe + " list app", 0, "shop-pool\r\n");

    IisSite site = IisSite.find(appcmd, runner, IisTarget.of("Default Web Site", "shop/"));

    assertThat(runner.lines()).containsExactly(
        exe + " list site \"Default Web Site\"",
        exe + " list app \"Default Web Site/shop\" /text:applicationPool",
        exe + " list apppool shop-pool /text:processModel.identityType");
    assertThat(site.appPool()).isEqualTo("shop-pool");
    assertThat(site.identity()).isEqualTo("IIS AppPool\\shop-pool");
    assertThat(site.readAccessNote(Path.of("C:\\srv\\shop")))
        .contains("IIS AppPool\\shop-pool").contains("icacls \"C:\\srv\\shop\" /grant \"IIS AppPool\\shop-pool\":(OI)(CI)RX");
  }

  @Test
  void aSpecificUserIdentityIsNamedByItsUserName() throws Exception {
    runner.answer(exe + " list site", 0, "SITE \"shop\"").answer(exe + " list app", 0, "shop")
        .answer(exe + " list apppool shop /text:processModel.identityType", 0, "SpecificUser")
        .answer(exe + " list apppool shop /text:processModel.userName", 0, "CORP\\svc-shop");

    assertThat(IisSite.find(appcmd, runner, IisTarget.of("shop", null)).identity()).isEqualTo("CORP\\svc-shop");
  }

  @Test
  void installSetsThePhysicalPathToTheReleaseFolderThenRecyclesThePool() throws Exception {
    IisSwitch iis = new IisSwitch(appcmd, runner, new IisSite(IisTarget.of("Default Web Site", null), "DefaultAppPool", "x"));

    assertThat(iis.pointAt(NEW)).isEmpty();

    assertThat(runner.lines()).containsExactly(
        exe + " set vdir \"Default Web Site/\" /physicalPath:C:\\srv\\shop\\releases\\20261205T190000Z-b2",
        exe + " recycle apppool DefaultAppPool");
  }

  @Test
  void aPathWithSpacesIsOneQuotedArgument() throws Exception {
    IisSwitch iis = new IisSwitch(appcmd, runner, new IisSite(IisTarget.of("shop", "/app"), "shop", "x"));

    iis.pointAt(Path.of("D:\\web sites\\shop\\releases\\r1"));

    assertThat(runner.lines().get(0))
        .isEqualTo(exe + " set vdir shop/app/ \"/physicalPath:D:\\web sites\\shop\\releases\\r1\"");
  }

  @Test
  void aFailedRecycleIsReportedWithItsCommandLineAndGoingBackRunsTheSameTwoLinesForTheOldRelease() throws Exception {
    runner.answer(exe + " recycle apppool", 1, "ERROR ( message:Application pool \"shop\" is not started. )");
    IisSwitch iis = new IisSwitch(appcmd, runner, new IisSite(IisTarget.of("shop", null), "shop", "x"));

    Optional<String> failure = iis.pointAt(NEW);
    Optional<String> back = iis.pointAt(OLD);

    assertThat(failure).hasValueSatisfying(f -> assertThat(f)
        .startsWith("recycling the app pool 'shop' failed (`" + exe + " recycle apppool shop` exited with 1")
        .contains("is not started"));
    assertThat(back).isEmpty();
    assertThat(runner.lines()).containsExactly(
        exe + " set vdir shop/ /physicalPath:" + NEW,
        exe + " recycle apppool shop",
        exe + " set vdir shop/ /physicalPath:" + OLD,
        exe + " recycle apppool shop");
  }

  @Test
  void aPathThatCannotBeSetIsNotFollowedByARecycle() throws Exception {
    runner.answer(exe + " set vdir", 5, "ERROR ( hresult:80070005, message:Access is denied. )");
    IisSwitch iis = new IisSwitch(appcmd, runner, new IisSite(IisTarget.of("shop", null), "shop", "x"));

    assertThat(iis.pointAt(NEW)).hasValueSatisfying(f -> assertThat(f).contains("Access is denied"));
    assertThat(runner.lines()).hasSize(1);
  }

  @Test
  void aSiteThatDoesNotExistIsRefusedBeforeAnythingChanges() {
    runner.answer(exe + " list site", 1, "ERROR ( message:Cannot find SITE object with identifier \"shopp\". )");

    assertThatThrownBy(() -> IisSite.find(appcmd, runner, IisTarget.of("shopp", null)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.WEB_SERVER);
          assertThat(e.causeCode()).isEqualTo("IIS_SITE_MISSING");
          assertThat(e.evidence()).contains("Cannot find SITE object");
        });
    assertThat(runner.lines()).hasSize(1);
  }

  @Test
  void anApplicationThatDoesNotExistIsRefused() {
    runner.answer(exe + " list site", 0, "SITE \"shop\"").answer(exe + " list app", 1, "");

    assertThatThrownBy(() -> IisSite.find(appcmd, runner, IisTarget.of("shop", "/nope")))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.getMessage())
            .startsWith("IIS application 'shop/nope' does not exist"));
  }

  @Test
  void withoutAppcmdTheSiteIsNotAskedAndTheFixSaysWhatToInstall() {
    Appcmd none = new Appcmd(tmp.resolve("missing/appcmd.exe"));

    assertThatThrownBy(() -> IisSite.find(none, runner, IisTarget.of("shop", null)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("IIS_APPCMD_MISSING");
          assertThat(e.fix()).contains("Web-Scripting-Tools");
        });
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void appcmdLivesUnderWindir() {
    assertThat(Appcmd.ofWindows(java.util.Map.of("windir", "C:\\WINDOWS")).exe().toString())
        .isEqualTo(Path.of("C:\\WINDOWS", "system32", "inetsrv", "appcmd.exe").toString());
    assertThat(Appcmd.ofWindows(java.util.Map.of("WINDIR", "D:\\Win")).exe())
        .isEqualTo(Path.of("D:\\Win", "system32", "inetsrv", "appcmd.exe"));
    assertThat(Appcmd.ofWindows(java.util.Map.of()).exe())
        .isEqualTo(Path.of("C:\\Windows", "system32", "inetsrv", "appcmd.exe"));
    assertThat(new Appcmd(Path.of("appcmd.exe")).setPhysicalPath(IisTarget.of("s", "/a/b"), Path.of("X")))
        .isEqualTo(List.of("appcmd.exe", "set", "vdir", "s/a/b/", "/physicalPath:X"));
  }
}
