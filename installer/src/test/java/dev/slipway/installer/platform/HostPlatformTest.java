package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What install and rollback ask of the host, on Windows and on Linux (issue #25). */
class HostPlatformTest {
  @TempDir Path tmp;
  private final RecordingRunner runner = new RecordingRunner();
  private final List<String> said = new ArrayList<>();
  private final Reporter reporter = new Reporter() {
    @Override
    public void step(String description) {
      said.add("step: " + description);
    }

    @Override
    public void warn(String warning) {
      said.add("warn: " + warning);
    }
  };

  private HostPlatform windows(Optional<IisTarget> iis) throws Exception {
    Path exe = Files.createDirectories(tmp.resolve("inetsrv")).resolve("appcmd.exe");
    Files.writeString(exe, "");
    return new HostPlatform(new WindowsPlatform(runner, InUseRetry.ONCE), iis, new Appcmd(exe), runner);
  }

  @Test
  void theSiteIsFoundAndItsPoolIdentityNamedWithTheLineThatGrantsItRead() throws Exception {
    runner.answer("", 0, "SITE \"shop\" (id:2)").answer("", 0, "shop").answer("", 0, "ApplicationPoolIdentity");
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("srv"), true);

    Optional<IisSite> site = windows(Optional.of(IisTarget.of("shop", null))).findSite(root, reporter);

    assertThat(site).hasValueSatisfying(s -> assertThat(s.appPool()).isEqualTo("shop"));
    assertThat(said).containsExactly(
        "step: IIS site 'shop' is served by the app pool 'shop'",
        "warn: the app pool 'shop' runs as IIS AppPool\\shop, which must be able to read " + root.path()
            + "\\releases (Slipway cannot always check ACLs): icacls \"" + root.path()
            + "\" /grant \"IIS AppPool\\shop\":(OI)(CI)RX");
  }

  @Test
  void withoutIisSiteNothingIsAskedOfIis() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("srv"), true);

    assertThat(windows(Optional.empty()).findSite(root, reporter)).isEmpty();
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void iisSiteOnAHostWithoutAppcmdIsRefused() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("srv"), true);
    HostPlatform linux = new HostPlatform(new LinuxPlatform(), Optional.of(IisTarget.of("shop", null)),
        new Appcmd(tmp.resolve("C:\\Windows\\system32\\inetsrv\\appcmd.exe")), runner);

    assertThatThrownBy(() -> linux.findSite(root, reporter))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("IIS_APPCMD_MISSING"));
  }

  @Test
  void anAbsoluteNodeIsPinnedIntoTheWebConfigOnWindowsOnly() throws Exception {
    Path release = Files.createDirectories(tmp.resolve("release"));
    String packaged = Templates.webConfig(WebConfigKind.HTTPPLATFORM, "server.js", 3000);
    Files.writeString(release.resolve("web.config"), packaged);
    Manifest.Start manifest = new Manifest.Start("httpplatform", "server.js", null);
    String node = "C:\\Program Files\\nodejs\\node.exe";

    HostPlatform.linux().afterUnpack(release, manifest, node, reporter);
    assertThat(release.resolve("web.config")).hasContent(packaged);

    windows(Optional.empty()).afterUnpack(release, manifest, node, reporter);
    assertThat(release.resolve("web.config")).content().contains("processPath=\"" + node + "\"");
    assertThat(said).containsExactly("step: web.config (httpplatform) starts " + node);
  }

  @Test
  void retentionRetriesOnWindowsAndTriesOnceOnLinux() throws Exception {
    assertThat(HostPlatform.linux().inUse()).isSameAs(InUseRetry.ONCE);
    assertThat(new HostPlatform(new WindowsPlatform(runner, new WindowsInUseRetry(d -> {})), Optional.empty(),
        new Appcmd(tmp), runner).inUse()).isInstanceOf(WindowsInUseRetry.class);
  }
}
