package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.format.Json;
import dev.slipway.format.TerminalText;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.InstallResult;
import dev.slipway.installer.Installer;
import dev.slipway.installer.deps.NodeTools;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code installer install ARCHIVE --root ROOT}: see docs/installing.md and docs/reference/cli.md. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = "Verify, unpack, npm ci (none when the archive ships node_modules), check node and env, smoke-start, then switch ROOT/current to the new release.")
final class InstallCommand implements Callable<Integer>, InstallerMain.AbortAware {
  @Parameters(index = "0", description = "The .tar.gz written by packager (its .sha256 next to it)")
  Path archive;

  @Option(names = "--root", required = true, description = "The app's root folder (releases/, current, shared/)")
  Path root;

  @Option(names = "--sha256", description = "Expected SHA-256 of the archive, instead of the .sha256 sidecar")
  String sha256;

  @Option(names = "--env-file", description = "Env file copied into the release as .env.production (default: ROOT/shared/.env.production when it exists)")
  Path envFile;

  @Option(names = "--node", defaultValue = "node", description = "The node executable (default: node on PATH)")
  String node;

  @Option(names = "--npm", description = "The npm executable (default: npm on PATH)")
  String npm;

  @Option(names = "--allow-node-mismatch", description = "Accept a node major version other than the build's (engines.node still applies)")
  boolean allowNodeMismatch;

  @Option(names = "--health-path", description = "Path the smoke-start must answer 200-399 on; repeatable (default: every route the build lists must answer without a 5xx)")
  List<String> healthPaths = new ArrayList<>();

  @Option(names = "--smoke-timeout", defaultValue = "60", description = "Seconds the smoke-start may take (default: ${DEFAULT-VALUE})")
  long smokeTimeout;

  @Option(names = "--npm-timeout", defaultValue = "600", description = "Seconds npm ci may take (default: ${DEFAULT-VALUE})")
  long npmTimeout;

  @Option(names = "--restart-command", description = "Shell command run after the switch, e.g. 'systemctl restart shop'")
  String restartCommand;

  @Option(names = "--live-url", description = "URL that must answer 200-399 after the switch, else roll back; repeatable")
  List<String> liveUrls = new ArrayList<>();

  @Option(names = "--live-timeout", defaultValue = "60", description = "Seconds the live check may take (default: ${DEFAULT-VALUE})")
  long liveTimeout;

  @Option(names = "--keep", defaultValue = "5", description = "Good releases to keep (default: ${DEFAULT-VALUE})")
  int keep;

  @Option(names = "--wait", defaultValue = "0", description = "Seconds to wait for another installer's lock (default: fail at once)")
  long waitSeconds;

  @Option(names = "--service-user", description = "As root: run npm ci and the app as this unprivileged user (remembered in ROOT/.slipway/config.json)")
  String serviceUser;

  @Option(names = "--allow-root-app", description = "As root with no service user configured: run npm ci and the app as root anyway (logged)")
  boolean allowRootApp;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @CommandLine.Mixin TrustOptions trust;

  @CommandLine.Mixin IisOptions iis; // Windows (issue #25)

  @Spec CommandLine.Model.CommandSpec spec;

  private Abort abort;

  @Override
  public void setAbort(Abort abort) {
    this.abort = abort;
  }

  @Override
  public Integer call() throws Exception {
    if (keep < InstallRequest.MIN_KEEP) {
      // A usage error (exit 2), not the request's IllegalArgumentException, which ended as INTERNAL (issue #20).
      throw new CommandLine.ParameterException(spec.commandLine(), InstallRequest.KEEP_RULE + ", not " + keep);
    }
    InstallRequest request = new InstallRequest(
        archive, root, Optional.ofNullable(sha256), Optional.ofNullable(envFile), node,
        npm == null ? NodeTools.defaultNpm() : npm, allowNodeMismatch, healthPaths,
        Duration.ofSeconds(smokeTimeout), Duration.ofSeconds(npmTimeout), Optional.ofNullable(restartCommand), liveUrls,
        Duration.ofSeconds(liveTimeout), keep, Duration.ofSeconds(waitSeconds),
        new dev.slipway.installer.user.AppUser(Optional.ofNullable(serviceUser), allowRootApp));
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    InstallResult result =
        new Installer(reporter, System.getenv(), Clock.systemUTC(), StepHook.installed())
            .on(iis.host(spec, System.getenv())).install(request, trust.policy());
    reporter.endBar();
    if (json) {
      System.out.println(Json.line(new Output(true, result.changed(), result)));
    } else if (!result.changed()) {
      // Issue #24: the first line says so, for a deploy script that greps it.
      System.out.println("already live: " + TerminalText.escape(result.appName() + " " + result.appVersion()) + " as "
          + result.releaseId() + "; nothing changed");
      System.out.println(root.toAbsolutePath().normalize().resolve("releases").resolve(result.releaseId()));
    } else {
      System.out.println("installed " + TerminalText.escape(result.appName() + " " + result.appVersion()) + " as " + result.releaseId()
          + (result.previousReleaseId() == null ? "" : " (previous: " + result.previousReleaseId() + ")")
          + " in " + result.durationMillis() / 1000.0 + " s"
          + (result.signedBy() == null ? "" : ", signed by " + result.signedBy()));
      System.out.println(root.toAbsolutePath().normalize().resolve("releases").resolve(result.releaseId()));
    }
    return 0;
  }

  /** @param changed false when the archive was already live (issue #24): Ansible's {@code changed} */
  record Output(boolean ok, boolean changed, InstallResult result) {}
}
