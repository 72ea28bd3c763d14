package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.installer.ArchiveVerifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code installer verify ARCHIVE}: checksum and a full checked unpack into a temporary folder. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check an archive's checksum and every entry against its manifest, touching nothing else.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The .tar.gz written by packager")
  Path archive;

  @Option(names = "--sha256", description = "Expected SHA-256, instead of the .sha256 sidecar")
  String sha256;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    ArchiveVerifier.Result result = ArchiveVerifier.verify(archive, Optional.ofNullable(sha256), reporter);
    reporter.endBar();
    var manifest = result.contents().manifest();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", true);
      out.put("sha256", result.sha256());
      out.put("app", manifest.app());
      out.put("buildId", manifest.buildId());
      out.put("fileCount", result.contents().fileCount());
      out.put("bytes", result.contents().bytes());
      System.out.println(Json.line(out));
    } else {
      System.out.println("ok: " + manifest.app().name() + " " + manifest.app().version() + " (build " + manifest.buildId()
          + "), " + result.contents().fileCount() + " files, " + result.contents().bytes() + " bytes, sha256 " + result.sha256());
    }
    return 0;
  }
}
