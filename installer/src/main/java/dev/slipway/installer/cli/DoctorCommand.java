package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.FailureText;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.deps.NodeTools;
import dev.slipway.installer.doctor.Doctor;
import dev.slipway.installer.doctor.DoctorReport;
import dev.slipway.installer.doctor.DoctorRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code installer doctor --root ROOT}: see docs/reference/doctor.md. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check the live release on this host (node, env, build, entry, dependencies, native modules, URLs, logs);"
        + " one verdict line per check; exit 0 only when no check fails.")
final class DoctorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--root", required = true, description = "The app's root folder; its live release is examined")
  Path root;

  @Option(names = "--url", description = "URL that must answer 200-399 (the site through IIS, say); repeatable")
  List<String> urls = new ArrayList<>();

  @Option(names = "--env-file", description = "Env file with the production values (default: ROOT/shared/.env.production)")
  Path envFile;

  @Option(names = "--node", defaultValue = "node", description = "The node executable (default: node on PATH)")
  String node;

  @Option(names = "--npm", description = "The npm executable, for npm ls (default: npm on PATH)")
  String npm;

  @Option(names = "--health-path", description = "Path the started entry must answer 200-399 on; repeatable (default: every route the build lists must answer without a 5xx)")
  List<String> healthPaths = new ArrayList<>();

  @Option(names = "--start-timeout", defaultValue = "30", description = "Seconds the started entry may take to answer (default: ${DEFAULT-VALUE})")
  long startTimeout;

  @Option(names = "--service-user", description = "As root: start the entry as this user (default: the one ROOT/.slipway/config.json names)")
  String serviceUser;

  @Option(names = "--allow-root-app", description = "As root with no service user configured: start the entry as root anyway")
  boolean allowRootApp;

  @Option(names = "--json", description = "Print one JSON object instead of the verdict lines")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DoctorRequest request = new DoctorRequest(root, Optional.ofNullable(envFile), node,
        npm == null ? NodeTools.defaultNpm() : npm, DoctorRequest.parseUrls(urls), healthPaths, Duration.ofSeconds(startTimeout),
        new dev.slipway.installer.user.AppUser(Optional.ofNullable(serviceUser), allowRootApp));
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    DoctorReport report = new Doctor(reporter, System.getenv(), Clock.systemUTC()).examine(request);
    reporter.endBar();
    PrintWriter out = spec.commandLine().getOut();
    Optional<SlipwayException> failure = report.failure();
    if (!json) {
      report.lines().forEach(out::println); // escaped by the report (issue #20)
      out.flush();
      if (failure.isPresent()) {
        throw failure.get(); // InstallerMain prints it on stderr and exits with its code (29)
      }
      return 0;
    }
    // --json: stdout holds exactly one object, the report with the failure's fields when a check
    // failed (InstallerMain would print a second object if this threw), stderr the usual failure text.
    Map<String, Object> object = report.json();
    failure.ifPresent(f -> {
      object.put("exitCode", f.kind().exitCode());
      object.put("cause", f.causeCode());
      object.put("message", f.getMessage());
      object.put("fix", f.fix());
    });
    out.println(Json.line(object));
    out.flush();
    if (failure.isPresent()) {
      PrintWriter err = spec.commandLine().getErr();
      FailureText.lines(failure.get()).forEach(err::println);
      err.flush();
      return failure.get().kind().exitCode();
    }
    return 0;
  }
}
