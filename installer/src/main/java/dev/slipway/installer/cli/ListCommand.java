package dev.slipway.installer.cli;

import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.ReleaseList;
import dev.slipway.installer.ReleaseTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code installer list --root ROOT}: the releases, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the releases under ROOT, newest first: id, app, version, build id, installed at, status, size.")
final class ListCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--json", description = "Print a JSON array")
  boolean json;

  @Override
  public Integer call() throws Exception {
    var listing = ReleaseList.scan(root);
    var rows = listing.rows();
    if (json) {
      System.out.println(Json.line(rows));
      return 0;
    }
    // Names, versions and problems come from releases' manifests (issue #20): escaped for the terminal.
    ReleaseTable.lines(listing).forEach(line -> System.out.println(TerminalText.escape(line)));
    for (var row : rows) {
      if (row.problem() != null) {
        System.err.println("warning: " + row.releaseId() + ": " + TerminalText.escape(row.problem()));
      }
    }
    return 0;
  }
}
