package dev.slipway.installer.doctor;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.user.ServiceUser;
import dev.slipway.process.CapturedCommand;
import dev.slipway.process.RunAs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dependencies}: {@code node_modules} holds what package.json and the lockfile require (step
 * 7 of the guide: "Lock dependencies and avoid accidental package drift"), in npm's own words:
 * {@code npm ls --omit=dev --all}, read as JSON ({@code --json --long}, which names each package's
 * peers) and sorted by {@link NpmLsReport}: a missing package or a direct dependency outside
 * package.json's range fails; what npm ci accepted (peer ranges under legacy-peer-deps or
 * overrides, issue #17) only warns. {@code --all} because {@code --depth=0} reports only the app's
 * direct dependencies; it reads only package.json files, so it takes about a second even for large
 * trees. Read-only: npm ls writes nothing into the release.
 */
final class DependenciesCheck implements Check {
  static final String NAME = "dependencies";
  static final List<String> ARGS = List.of("ls", "--omit=dev", "--all", "--json", "--long", "--loglevel=silent");
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** npm ls --json --long of a large production tree is a few MiB. */
  static final int MAX_OUTPUT = 64 * 1024 * 1024;
  /** Problems quoted as evidence; the rest are counted. */
  static final int QUOTED = 6;

  /** npm 7+ silences its update notice only when asked; it would query the registry. */
  private static final Map<String, String> QUIET = Map.of("npm_config_update_notifier", "false", "npm_config_fund", "false",
      // No debug log file: as the service user, HOME (ROOT/shared/home) may not be writable, and
      // npm's complaint about that would land in the JSON it prints.
      "npm_config_logs_max", "0");
  private static final String SHOWN = "npm ls --omit=dev --all";

  private final String npm;
  private final AppUser appUser;

  DependenciesCheck(String npm, AppUser appUser) {
    this.npm = npm;
    this.appUser = appUser;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException, InterruptedException {
    Path dir = release.dir();
    if (!Files.isRegularFile(dir.resolve("package.json"))) {
      return CheckResult.fail(NAME, "the release has no package.json", Doctor.REINSTALL);
    }
    if (release.manifest().map(m -> m.header().shipsDependencies()).orElse(false)) {
      return ShippedTreeVerdict.of(dir); // issue #18: no npm ls for a tree npm ci never wrote
    }
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      return CheckResult.fail(NAME, "the release has no node_modules: its dependencies were never installed or were"
          + " deleted", Doctor.REINSTALL);
    }
    Optional<RunAs> runAs;
    try {
      // Issue #20: npm reads the release's .npmrc and package files; as root it runs as the
      // service user, like npm ci and every start of the app, never as root.
      runAs = ServiceUser.decideWithoutRecording(release.root(), appUser).runAs();
    } catch (SlipwayException e) {
      return CheckResult.fail(NAME, SHOWN + " not run: " + e.getMessage(), e.fix());
    }
    CapturedCommand.Output out;
    try {
      out = CapturedCommand.run(command(), dir, QUIET, TIMEOUT, MAX_OUTPUT, runAs);
    } catch (IOException e) {
      return CheckResult.warn(NAME, "npm could not be run (`" + npm + "`: " + e.getMessage()
          + "), so node_modules was not compared with the lockfile", "put npm on the PATH or pass --npm");
    }
    if (out.exitCode().isEmpty()) {
      return CheckResult.warn(NAME, SHOWN + " did not finish within " + TIMEOUT.toSeconds() + " s, so node_modules"
          + " was not compared with the lockfile", null);
    }
    if (out.exitCode().get() == 0) {
      return CheckResult.ok(NAME, "node_modules holds every production dependency package.json and the lockfile"
          + " require (" + SHOWN + ")");
    }
    return judge(out);
  }

  /** npm ls exited non-zero: what it found, sorted into failures and warnings. */
  static CheckResult judge(CapturedCommand.Output out) {
    NpmLsReport report;
    try {
      report = NpmLsReport.parse(out.output());
    } catch (IOException e) {
      String why = e instanceof NpmLsReport.Unreadable ? e.getMessage()
          : out.output().lines().filter(line -> !line.isBlank()).findFirst().orElse("(npm printed nothing)");
      return CheckResult.fail(NAME, SHOWN + " exited with " + out.exitCode().orElse(-1) + " and printed no readable"
          + " tree: " + (why.length() > 300 ? why.substring(0, 300) + "…" : why), REINSTALL_FIX);
    }
    if (!report.broken().isEmpty()) {
      return CheckResult.fail(NAME, SHOWN + ": " + report.broken().get(0) + more(report.broken().size())
              + (report.notable().isEmpty() ? "" : "; and " + count(report.notable().size(), "finding") + " npm ci accepted"),
          REINSTALL_FIX).withEvidence(quote(report));
    }
    if (report.notable().isEmpty()) {
      return CheckResult.warn(NAME, SHOWN + " exited with " + out.exitCode().orElse(-1) + " but named no problem",
          "run npm ls --omit=dev --all in the release to see why");
    }
    return CheckResult.warn(NAME, "node_modules holds every production dependency; " + SHOWN + " reports "
            + count(report.notable().size(), "mismatch") + " npm ci accepted: " + report.notable().get(0),
        "nothing to do while the site works; to silence it, align the versions in package.json (or drop the"
            + " library that declares the old peer range), rebuild and repackage")
        .withEvidence(quote(report));
  }

  private static final String REINSTALL_FIX = "install the archive again (installer install runs npm ci --omit=dev into a"
      + " fresh release); never npm install into the live release";

  private static String quote(NpmLsReport report) {
    List<String> all = java.util.stream.Stream.concat(report.broken().stream(), report.notable().stream()).toList();
    List<String> shown = all.subList(0, Math.min(QUOTED, all.size()));
    return String.join("\n", shown) + (all.size() > QUOTED ? "\n(and " + (all.size() - QUOTED) + " more)" : "");
  }

  private static String more(int total) {
    return total > 1 ? " (and " + (total - 1) + " more)" : "";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : what.endsWith("h") ? "es" : "s");
  }

  private List<String> command() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(npm), ARGS.stream()).toList();
  }
}
