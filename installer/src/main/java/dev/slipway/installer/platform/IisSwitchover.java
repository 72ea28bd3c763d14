package dev.slipway.installer.platform;

import dev.slipway.installer.layout.CurrentPointer;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.LinkAndRestart;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The IIS switchover (issue #25, item 2): {@code current} is repointed (a junction on Windows), then
 * {@link IisSwitch} sets the site's physical path to the release folder and recycles its app pool.
 * Switching back does the same towards the release that served before. The transaction's policy
 * (live check, switch back, marks, history) is the same as for every switchover.
 *
 * <p>Crash safety: a kill between the junction and {@code appcmd} leaves IIS serving the previous
 * release, complete and untouched, while {@code current} names the new one; the next install or
 * rollback sets the physical path again whatever it was, so nothing is left half done.
 */
public final class IisSwitchover implements Switchover {
  /** The IIS switch of the site the preflight found. */
  @FunctionalInterface
  public interface SiteSwitch {
    IisSwitch get() throws IOException, InterruptedException;
  }

  /** The junction, switched exactly as without IIS (step lines, point of no return, restart step). */
  private final LinkAndRestart junction;
  private final IisTarget target;
  private final SiteSwitch iis;

  public IisSwitchover(CurrentPointer current, IisTarget target, SiteSwitch iis) {
    this.junction = new LinkAndRestart(current, Optional.empty());
    this.target = target;
    this.iis = iis;
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    junction.goLive(handover); // no restart command: nothing can fail there but by an exception
    return tell(handover.root().releaseDir(handover.releaseId()), handover);
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    junction.switchBack(back);
    return tell(back.root().releaseDir(back.releaseId()), back);
  }

  /** The history line says which site went live. */
  @Override
  public Optional<String> note() {
    return Optional.of(target.describe());
  }

  private Optional<String> tell(Path release, Handover handover) throws IOException {
    try {
      IisSwitch site = iis.get();
      handover.reporter().step("pointing " + site.site().target().describe() + " at " + release
          + " and recycling the app pool '" + site.site().appPool() + "'");
      return site.pointAt(release);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
  }
}
