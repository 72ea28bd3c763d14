package dev.slipway.installer.cli;

import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.status.ReleaseList;
import dev.slipway.installer.status.ReleaseTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code installer list --root ROOT}: the releases, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the releases under ROOT, newest first: id, app, version, build id, installed at, status, signer, size.")
final class ListCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--json", description = "Print a JSON array")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var listing = ReleaseList.scan(root);
    var rows = listing.rows();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(rows));
      out.flush();
      return 0;
    }
    // Names, versions and problems come from releases' manifests (issue #20): escaped for the terminal.
    ReleaseTable.lines(listing).forEach(line -> out.println(TerminalText.escape(line)));
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (var row : rows) {
      if (row.problem() != null) {
        err.println("warning: " + row.releaseId() + ": " + TerminalText.escape(row.problem()));
      }
    }
    err.flush();
    return 0;
  }
}
