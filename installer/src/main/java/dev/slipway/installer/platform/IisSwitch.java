package dev.slipway.installer.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells IIS which release is live, the way IIS deploy tools do it (issue #25, item 2): the site's
 * (or application's) physical path is set to the release folder itself, {@code
 * ROOT\releases\<id>}, then its app pool is recycled. Only the physical path decides what IIS
 * serves; {@code ROOT\current} is kept as a junction for people and {@code doctor}.
 *
 * <p>Why not serve {@code ROOT\current}: IIS resolves a physical path once, when the application
 * starts, and iisnode's file watcher watches the folder it found; a retargeted junction is noticed
 * by neither until a recycle, and the recycle then races the files. Changing the path is a
 * configuration change IIS applies as a whole.
 *
 * <p>Overlapped recycling (IIS's default, {@code disallowOverlappingRotation=false}) starts the new
 * worker process before the old one stops, and the old one finishes the requests it holds.
 */
public final class IisSwitch {
  private final Appcmd appcmd;
  private final CommandRunner runner;
  private final IisSite site;

  public IisSwitch(Appcmd appcmd, CommandRunner runner, IisSite site) {
    this.appcmd = appcmd;
    this.runner = runner;
    this.site = site;
  }

  public IisSite site() {
    return site;
  }

  /**
   * Sets the physical path to {@code releaseDir}, then recycles the app pool.
   *
   * @return empty when both succeeded, else what failed (the recycle is not tried when the path
   *     could not be set)
   */
  public Optional<String> pointAt(Path releaseDir) throws IOException, InterruptedException {
    Optional<String> failure = step(appcmd.setPhysicalPath(site.target(), releaseDir),
        "setting the physical path of " + site.target().describe() + " to " + releaseDir);
    if (failure.isPresent()) {
      return failure;
    }
    return step(appcmd.recycle(site.appPool()), "recycling the app pool '" + site.appPool() + "'");
  }

  /** The physical path IIS serves now, when appcmd can tell. */
  public Optional<String> physicalPath() throws IOException, InterruptedException {
    CommandRunner.Result answer = runner.run(appcmd.physicalPathOf(site.target()));
    return answer.succeeded() && !answer.output().isBlank()
        ? Optional.of(IisSite.firstLine(answer.output()))
        : Optional.empty();
  }

  private Optional<String> step(List<String> command, String what) throws IOException, InterruptedException {
    CommandRunner.Result result = runner.run(command);
    if (result.succeeded()) {
      return Optional.empty();
    }
    String said = result.output().isBlank() ? "" : ": " + IisSite.firstLine(result.output());
    return Optional.of(what + " failed (`" + WindowsCommandLine.of(command) + "` exited with " + result.exitCode() + said + ")");
  }
}
