package dev.slipway.installer.cli;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.process.RunAs;
import dev.slipway.installer.user.ServiceUser;
import dev.slipway.templates.HostTemplates;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code installer systemd-unit}: prints the hardened template unit {@code slipway-APP@.service}
 * that runs a blue/green slot's release (issue #21), as the service user (issue #20).
 */
@Command(name = "systemd-unit", mixinStandardHelpOptions = true,
    description = "Print the systemd template unit slipway-APP@.service that runs ROOT's release on a slot (instance = port).")
final class SystemdUnitCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--app", description = "The unit's name part: slipway-APP@.service (default: ROOT's folder name)")
  String app;

  @Option(names = "--service-user", paramLabel = "USER",
      description = "The unprivileged user the instances run as (default: the one install remembered for ROOT)")
  String user;

  @Option(names = "--group", description = "Their group (default: the service user's name)")
  String group;

  @Option(names = "--node", paramLabel = "PATH", description = "The node executable (default: node on PATH)")
  Path node;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    String user = this.user != null ? this.user : rememberedUser();
    String name = app != null ? app : String.valueOf(absoluteRoot.getFileName());
    String text;
    try {
      text = HostTemplates.systemdUnit(name, absoluteRoot.toString(), user, group != null ? group : user,
          nodePath().toString());
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(FailureKind.USAGE, "SWITCH_OPTIONS", e.getMessage(), null,
          "see `installer systemd-unit --help` and docs/blue-green.md");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return 0;
  }

  /** Issue #20: the service user `install --service-user` remembered for the root; the unit runs as it too. */
  private String rememberedUser() throws Exception {
    return ServiceUser.remembered(ReleaseRoot.open(root, false)).map(RunAs::name).orElseThrow(() ->
        new SlipwayException(FailureKind.USAGE, "SWITCH_OPTIONS", "no service user is known for " + root, null,
            "name it with --service-user (the user `install --service-user` runs the app as; never root)"));
  }

  private Path nodePath() {
    if (node != null) {
      return node.toAbsolutePath().normalize();
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
      if (Files.isExecutable(candidate) && candidate.isAbsolute()) {
        return candidate;
      }
    }
    throw new SlipwayException(FailureKind.USAGE, "SWITCH_OPTIONS", "node is not on the PATH", null,
        "name it with --node /usr/bin/node");
  }
}
