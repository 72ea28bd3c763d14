package dev.slipway.installer.cli;

import dev.slipway.format.Json;
import dev.slipway.installer.ReleaseList;
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
    var rows = ReleaseList.read(root);
    if (json) {
      System.out.println(Json.line(rows));
      return 0;
    }
    System.out.printf("%-40s %-8s %-20s %-10s %-22s %-20s %9s%n", "RELEASE", "STATUS", "APP", "VERSION", "BUILD", "INSTALLED", "SIZE");
    for (var row : rows) {
      System.out.printf("%-40s %-8s %-20s %-10s %-22s %-20s %9s%n", row.releaseId(), row.status(), row.app(), row.version(),
          row.buildId(), row.installedAt() == null ? "-" : row.installedAt(), human(row.sizeBytes()));
    }
    for (var row : rows) {
      if (row.problem() != null) {
        System.err.println("warning: " + row.releaseId() + ": " + row.problem());
      }
    }
    return 0;
  }

  private static String human(long bytes) {
    return bytes < 1024 * 1024 ? (bytes / 1024) + " KiB" : (bytes / (1024 * 1024)) + " MiB";
  }
}
