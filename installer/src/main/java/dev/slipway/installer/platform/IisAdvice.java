package dev.slipway.installer.platform;

import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Windows without {@code --iis-site} and without {@code --restart-command} (issue #25, item 2):
 * {@code current} is switched, and the operator is told exactly what IIS still needs, since
 * nothing else will make IIS serve the new release.
 */
public final class IisAdvice implements Switchover {
  private final Switchover switchover;
  private final Appcmd appcmd;

  public IisAdvice(Switchover switchover, Appcmd appcmd) {
    this.switchover = switchover;
    this.appcmd = appcmd;
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    Optional<String> failure = switchover.goLive(handover);
    if (failure.isEmpty()) {
      handover.reporter().warn(advice(handover.root(), handover.releaseId()));
    }
    return failure;
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    return switchover.switchBack(back);
  }

  /** The two appcmd lines, for the site's root application; SITE and POOL are the operator's. */
  String advice(ReleaseRoot root, String releaseId) {
    IisTarget site = IisTarget.of("SITE", null);
    List<String> set = appcmd.setPhysicalPath(site, root.releaseDir(releaseId));
    return "IIS was not told (no --iis-site): run `" + WindowsCommandLine.of(set) + "` and `"
        + WindowsCommandLine.of(appcmd.recycle("POOL")) + "` with your site and app pool, or install with"
        + " --iis-site SITE to have it done (a site that serves ROOT\\current needs the recycle only)";
  }
}
