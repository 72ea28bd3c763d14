package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.Rollback;
import dev.slipway.installer.RollbackRequest;
import dev.slipway.installer.RollbackResult;
import dev.slipway.installer.StepHook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code installer rollback --root ROOT [--to ID]}: see docs/installing.md and docs/reference/cli.md. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Switch current back to the last good release before the live one (or --to), with no npm and no network.")
final class RollbackCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, description = "The app's root folder")
  Path root;

  @Option(names = "--to", description = "The release id to switch to (see `installer list`)")
  String to;

  @Option(names = "--env-file", description = "Env file to check and copy into the target (default: ROOT/shared/.env.production when it exists,"
      + " else the target's own .env.production from its install)")
  Path envFile;

  @Option(names = "--node", defaultValue = "node", description = "The node executable (default: node on PATH)")
  String node;

  @Option(names = "--force", description = "Switch even when node, env or a bad mark say no")
  boolean force;

  @Option(names = "--restart-command", description = "Shell command run after the switch")
  String restartCommand;

  @Option(names = "--live-url", description = "URL that must answer 200-399 after the switch, else switch back; repeatable")
  List<String> liveUrls = new ArrayList<>();

  @Option(names = "--live-timeout", defaultValue = "60", description = "Seconds the live check may take (default: ${DEFAULT-VALUE})")
  long liveTimeout;

  @Option(names = "--wait", defaultValue = "0", description = "Seconds to wait for another installer's lock")
  long waitSeconds;

  @CommandLine.Mixin IisOptions iis; // Windows (issue #25)

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RollbackRequest request = new RollbackRequest(root, Optional.ofNullable(to), Optional.ofNullable(envFile), node, force,
        Optional.ofNullable(restartCommand), liveUrls, Duration.ofSeconds(liveTimeout), Duration.ofSeconds(waitSeconds));
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    // The step hook, as install has it: the crash tests can hold a rollback at its switch too (issue #19).
    RollbackResult result = new Rollback(reporter, System.getenv(), Clock.systemUTC(), StepHook.installed())
        .on(iis.host(spec, System.getenv())).rollback(request);
    if (json) {
      System.out.println(Json.line(new Output(true, result)));
    } else {
      System.out.println("rolled back " + TerminalText.escape(result.summary()));
    }
    return 0;
  }

  record Output(boolean ok, RollbackResult result) {}
}
