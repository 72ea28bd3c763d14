package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.installer.archive.ArchiveVerifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code installer unpack ARCHIVE DIR}: what {@code install} does before it runs anything (checksum,
 * checked unpack), into a folder the operator keeps: to look at a release, or to start it by hand.
 */
@Command(name = "unpack", mixinStandardHelpOptions = true,
    description = "Verify an archive and unpack it into a new or empty folder, checking every file; runs nothing.")
final class UnpackCommand implements Callable<Integer> {
  @Mixin ArchiveInput input;

  @Parameters(index = "1", description = "The folder to unpack into: new, or empty")
  Path into;

  @Override
  public Integer call() throws Exception {
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    ArchiveVerifier.Result result = input.unpack(into, reporter);
    reporter.endBar();
    String path = into.toAbsolutePath().normalize().toString();
    if (input.json) {
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
