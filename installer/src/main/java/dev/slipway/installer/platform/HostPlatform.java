package dev.slipway.installer.platform;

import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The host's platform as install and rollback use it (issue #25): the Windows preflight before
 * anything is unpacked, the web.config pin after, the retention retry, and the switchover. On
 * Linux without {@code --iis-site} every step is a no-op and the switch is today's, so the Linux
 * behaviour the suite proves is unchanged.
 *
 * @param iis {@code --iis-site} and {@code --iis-app}, when given
 */
public record HostPlatform(Platform platform, Optional<IisTarget> iis, Appcmd appcmd, CommandRunner runner) {

  public static HostPlatform ofThisHost(Optional<IisTarget> iis, Map<String, String> env) {
    return new HostPlatform(Platform.ofThisHost(env), iis, Appcmd.ofWindows(env), new ProcessCommandRunner());
  }

  /** Linux with no IIS: what the engines use when the command line says nothing of a platform. */
  public static HostPlatform linux() {
    return new HostPlatform(new LinuxPlatform(), Optional.empty(), Appcmd.ofWindows(Map.of()), new ProcessCommandRunner());
  }

  /** The platform for one install or rollback. */
  public PlatformRun begin() {
    return new PlatformRun(this);
  }

  public boolean windows() {
    return platform instanceof WindowsPlatform;
  }

  /**
   * Before unpacking: the IIS site exists (when {@code --iis-site} is given; its pool identity is
   * reported) and, on Windows, no file of the archive gets too long a path below {@code staging}
   * or the release folder it becomes.
   *
   * @return the site to switch, when {@code --iis-site} is given
   * @throws dev.slipway.format.SlipwayException IIS_APPCMD_MISSING, IIS_SITE_MISSING, PATH_TOO_LONG
   */
  public Optional<IisSite> beforeUnpack(Path archive, ReleaseRoot root, Path staging, Reporter reporter)
      throws IOException, InterruptedException {
    Optional<IisSite> site = findSite(root, reporter);
    PathLimit limit = platform.pathLimit();
    if (limit.limit().isPresent()) {
      Manifest manifest;
      try (InputStream in = Files.newInputStream(archive)) {
        manifest = SafeArchiveReader.readManifest(in);
      }
      int folder = PathLimit.folderLength(staging, root.releasesDir(), manifest.buildId());
      limit.check(manifest, root.releasesDir(), folder);
    }
    return site;
  }

  /** Rollback's preflight: the IIS site exists, when {@code --iis-site} is given. */
  public Optional<IisSite> findSite(ReleaseRoot root, Reporter reporter) throws IOException, InterruptedException {
    if (iis.isEmpty()) {
      return Optional.empty();
    }
    IisSite site = IisSite.find(appcmd, runner, iis.get());
    reporter.step(site.target().describe() + " is served by the app pool '" + site.appPool() + "'");
    reporter.warn(site.readAccessNote(root.path()));
    return Optional.of(site);
  }

  /** After unpacking, on Windows: an absolute {@code --node} is pinned into the generated web.config. */
  public void afterUnpack(Path staging, Manifest.Start start, String node, Reporter reporter) throws IOException {
    if (windows()) {
      WebConfigPin.apply(staging, start, node).ifPresent(reporter::step);
    }
  }

  /** How retention retries a file in use. */
  public InUseRetry inUse() {
    return platform.inUse();
  }
}
