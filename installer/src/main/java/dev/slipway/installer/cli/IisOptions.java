package dev.slipway.installer.cli;

import dev.slipway.installer.platform.HostPlatform;
import dev.slipway.installer.platform.IisTarget;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The IIS options of install and rollback (issue #25): which site's physical path to repoint. */
final class IisOptions {
  @Option(names = "--iis-site", paramLabel = "NAME",
      description = "Windows: point this IIS site's physical path at the release folder and recycle its app pool (see docs/WINDOWS.md)")
  String site;

  @Option(names = "--iis-app", paramLabel = "PATH",
      description = "With --iis-site: the application inside the site to repoint, e.g. /shop (default: the site's root)")
  String app;

  /** The host's platform with these options; a bad name or --iis-app alone is a usage error (exit 2). */
  HostPlatform host(CommandLine.Model.CommandSpec spec, Map<String, String> env) {
    if (site == null && app != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--iis-app needs --iis-site (the site it belongs to)");
    }
    try {
      return HostPlatform.ofThisHost(Optional.ofNullable(site).map(s -> IisTarget.of(s, app)), env);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
