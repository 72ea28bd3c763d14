package dev.slipway.installer.cli;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.switchover.SharedStatic;
import dev.slipway.installer.switchover.SwitchConfig;
import dev.slipway.installer.switchover.SwitchConfigFile;
import dev.slipway.templates.HostTemplates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code installer nginx-conf}: prints the server block for a blue/green root (issue #21): the
 * upstream include, the shared static tree, proxy headers, retries on connection errors only.
 */
@Command(name = "nginx-conf", mixinStandardHelpOptions = true,
    description = "Print the nginx server block for ROOT's blue/green slots (after `installer blue-green`); include it in nginx's http block.")
final class NginxConfCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--listen", description = "nginx's listen value (default: 80)")
  String listen = "80";

  @Option(names = "--server-name", paramLabel = "NAME", description = "nginx's server_name (default: _, any)")
  String serverName = "_";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReleaseRoot releaseRoot = ReleaseRoot.open(root, false);
    SwitchConfig config = SwitchConfigFile.read(releaseRoot).orElseThrow(() -> new SlipwayException(
        FailureKind.USAGE, "SWITCH_NOT_CONFIGURED", root + " is not configured for blue/green: "
            + SwitchConfigFile.path(releaseRoot) + " does not exist", null,
        "run `installer blue-green --root " + root + " --port ... ` first (docs/blue-green.md)"));
    String text;
    try {
      text = HostTemplates.nginxSite(config.upstreamName(), releaseRoot.path().toAbsolutePath().toString(),
          config.upstreamFile().toString(), SharedStatic.tree(releaseRoot).toAbsolutePath().toString(), listen, serverName);
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(FailureKind.USAGE, "SWITCH_OPTIONS", e.getMessage(), null,
          "see `installer nginx-conf --help` and docs/blue-green.md");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return 0;
  }
}
