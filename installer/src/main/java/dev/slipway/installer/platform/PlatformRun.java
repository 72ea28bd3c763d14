package dev.slipway.installer.platform;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.LinkAndRestart;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's platform during one install or rollback (issue #25): what the preflight found (the
 * IIS site and its pool) is what the switchover then repoints. One attempt, one run, one thread.
 */
public final class PlatformRun {
  private final HostPlatform host;
  private Optional<IisSite> site = Optional.empty();

  PlatformRun(HostPlatform host) {
    this.host = host;
  }

  /** Install, before unpacking: the IIS site and, on Windows, the path limit (see {@link HostPlatform#beforeUnpack}). */
  public void beforeUnpack(Path archive, ReleaseRoot root, Path staging, Reporter reporter)
      throws IOException, InterruptedException {
    site = host.beforeUnpack(archive, root, staging, reporter);
  }

  /** Rollback, before switching: the IIS site (see {@link HostPlatform#findSite}). */
  public void beforeSwitch(ReleaseRoot root, Reporter reporter) throws IOException, InterruptedException {
    site = host.findSite(root, reporter);
  }

  public void afterUnpack(Path staging, Manifest.Start start, String node, Reporter reporter) throws IOException {
    host.afterUnpack(staging, start, node, reporter);
  }

  public InUseRetry inUse() {
    return host.inUse();
  }

  /**
   * How the release goes live here: with {@code --iis-site}, {@link IisSwitchover}; on Windows
   * without it, the junction and the restart command, and the two appcmd lines to run when there is
   * no restart command ({@link IisAdvice}); on Linux, today's link and restart command.
   */
  public Switchover switchover(Optional<String> restartCommand) {
    if (host.iis().isPresent()) {
      return new IisSwitchover(host.platform().current(), host.iis().get(), this::iisSwitch);
    }
    LinkAndRestart linkAndRestart = new LinkAndRestart(host.platform().current(), restartCommand);
    return host.windows() && restartCommand.isEmpty() ? new IisAdvice(linkAndRestart, host.appcmd()) : linkAndRestart;
  }

  /** The site the preflight found; found now if the preflight did not run. */
  private IisSwitch iisSwitch() throws IOException, InterruptedException {
    if (site.isEmpty()) {
      site = Optional.of(IisSite.find(host.appcmd(), host.runner(), host.iis().orElseThrow()));
    }
    return new IisSwitch(host.appcmd(), host.runner(), site.get());
  }
}
