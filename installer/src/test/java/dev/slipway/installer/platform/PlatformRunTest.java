package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.LinkAndRestart;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which switchover a host gets (issue #25): Linux's is today's; IIS's with --iis-site. */
class PlatformRunTest {
  @TempDir Path tmp;
  private final RecordingRunner runner = new RecordingRunner();

  private HostPlatform windows(Optional<IisTarget> iis) {
    return new HostPlatform(new WindowsPlatform(runner, InUseRetry.ONCE), iis, new Appcmd(Path.of("C:\\W\\appcmd.exe")), runner);
  }

  @Test
  void linuxKeepsTheLinkAndTheRestartCommand() {
    assertThat(HostPlatform.linux().begin().switchover(Optional.empty())).isInstanceOf(LinkAndRestart.class);
    assertThat(HostPlatform.linux().begin().switchover(Optional.of("systemctl restart shop"))).isInstanceOf(LinkAndRestart.class);
  }

  @Test
  void iisSiteMakesItTheIisSwitchoverOnAnyHost() {
    assertThat(windows(Optional.of(IisTarget.of("shop", null))).begin().switchover(Optional.empty()))
        .isInstanceOfSatisfying(IisSwitchover.class, s -> assertThat(s.note()).hasValue("IIS site 'shop'"));
  }

  @Test
  void windowsWithoutIisSiteOrRestartCommandSaysWhatToRun() throws Exception {
    assertThat(windows(Optional.empty()).begin().switchover(Optional.of("appcmd recycle apppool shop")))
        .isInstanceOf(LinkAndRestart.class);
    assertThat(windows(Optional.empty()).begin().switchover(Optional.empty())).isInstanceOf(IisAdvice.class);

    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("srv"), true);
    String advice = new IisAdvice(new LinkAndRestart(Optional.empty()), new Appcmd(Path.of("C:\\W\\appcmd.exe")))
        .advice(root, "20261205T190000Z-b");
    assertThat(advice)
        .startsWith("IIS was not told (no --iis-site): run `C:\\W\\appcmd.exe set vdir SITE/ /physicalPath:"
            + root.releaseDir("20261205T190000Z-b") + "` and `C:\\W\\appcmd.exe recycle apppool POOL`")
        .contains("--iis-site SITE");
    assertThat(runner.lines()).isEmpty();
  }
}
