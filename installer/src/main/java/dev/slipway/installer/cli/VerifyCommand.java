package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.installer.ArchiveVerifier;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code installer verify ARCHIVE}: checksum, and every entry read and checked; nothing is written. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check an archive's checksum and every entry against its manifest; writes nothing.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The .tar.gz written by packager")
  Path archive;

  @Option(names = "--sha256", description = "Expected SHA-256, instead of the .sha256 sidecar")
  String sha256;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @picocli.CommandLine.Mixin TrustOptions trust;

  @Override
  public Integer call() throws Exception {
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    ArchiveVerifier.Result result = ArchiveVerifier.verify(archive, Optional.ofNullable(sha256), trust.policy(), reporter);
    reporter.endBar();
    if (json) {
      System.out.println(Json.line(VerifiedArchive.json(result)));
    } else {
      System.out.println("ok: " + VerifiedArchive.summary(result));
    }
    return 0;
  }
}
