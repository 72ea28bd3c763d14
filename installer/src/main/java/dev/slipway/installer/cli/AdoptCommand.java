package dev.slipway.installer.cli;

import dev.slipway.format.Reporter;
import dev.slipway.installer.Adoption;
import dev.slipway.installer.StepHook;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code installer adopt --root ROOT}: turn a hand-deployed {@code current} folder into the first release. */
@Command(name = "adopt", mixinStandardHelpOptions = true,
    description = "Move a real folder at ROOT/current (a manual deploy) to releases/<id> and link current to it.")
final class AdoptCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Override
  public Integer call() throws Exception {
    // The installed step hook, as install and rollback take it: the crash tests hold a run at a step (issue #6).
    String id = new Adoption(Reporter.SILENT, Clock.systemUTC(), StepHook.installed()).adopt(root, Optional.empty());
    System.out.println("adopted the manual deploy as release " + id + "; current now links to releases/" + id);
    return 0;
  }
}
