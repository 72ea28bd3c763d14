package dev.slipway.installer.cli;

import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.ReleaseStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code installer status --root ROOT}: the live release, one field a line (issue #24). */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the live release under ROOT: id, app, version, build id, archive SHA-256, when and how it went live.")
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--json", description = "Print one JSON object")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReleaseStatus status = ReleaseStatus.read(root);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(status));
    } else {
      // App name, version and the cache handler's path come from the release (issue #20): escaped.
      status.lines().forEach(line -> out.println(TerminalText.escape(line)));
    }
    out.flush();
    return 0;
  }
}
