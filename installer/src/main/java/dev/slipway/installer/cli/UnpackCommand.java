package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.installer.ArchiveVerifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code installer unpack ARCHIVE DIR}: what {@code install} does before it runs anything (checksum,
 * checked unpack), into a folder the operator keeps: to look at a release, or to start it by hand.
 */
@Command(name = "unpack", mixinStandardHelpOptions = true,
    description = "Verify an archive and unpack it into a new or empty folder, checking every file; runs nothing.")
final class UnpackCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The .tar.gz written by packager")
  Path archive;

  @Parameters(index = "1", description = "The folder to unpack into: new, or empty")
  Path into;

  @Option(names = "--sha256", description = "Expected SHA-256, instead of the .sha256 sidecar")
  String sha256;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @picocli.CommandLine.Mixin TrustOptions trust;

  @Override
  public Integer call() throws Exception {
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    ArchiveVerifier.Result result = ArchiveVerifier.unpack(archive, Optional.ofNullable(sha256), trust.policy(), into, reporter);
    reporter.endBar();
    String path = into.toAbsolutePath().normalize().toString();
    if (json) {
      Map<String, Object> out = VerifiedArchive.json(result);
      out.put("path", path);
      System.out.println(Json.line(out));
    } else {
      System.out.println("unpacked " + VerifiedArchive.summary(result));
      System.out.println(path);
    }
    return 0;
  }
}
