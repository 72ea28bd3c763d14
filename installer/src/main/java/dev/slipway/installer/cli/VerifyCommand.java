package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.installer.archive.ArchiveVerifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code installer verify ARCHIVE}: checksum, and every entry read and checked; nothing is written. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check an archive's checksum and every entry against its manifest; writes nothing.")
final class VerifyCommand implements Callable<Integer> {
  @Mixin ArchiveInput input;

  @Override
  public Integer call() throws Exception {
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    ArchiveVerifier.Result result = input.verify(reporter);
    reporter.endBar();
    if (input.json) {
      System.out.println(Json.line(VerifiedArchive.json(result)));
    } else {
      System.out.println("ok: " + VerifiedArchive.summary(result));
    }
    return 0;
  }
}
