package dev.slipway.installer.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code dependencies}: {@code node_modules} holds what package.json and the lockfile require (step
 * 7 of the guide: "Lock dependencies and avoid accidental package drift"), in npm's own words:
 * {@code npm ls --omit=dev --all} exits non-zero when a production dependency, direct or
 * transitive, is missing, has a version outside its range, or when a package nobody requires is
 * left over. {@code --all} because {@code --depth=0} reports only the app's direct dependencies and
 * exits 0 when one of theirs is gone; it reads only package.json files, so it takes about a second
 * even for large trees. Read-only: npm ls writes nothing into the release.
 */
final class DependenciesCheck implements Check {
  static final String NAME = "dependencies";
  static final List<String> ARGS = List.of("ls", "--omit=dev", "--all");
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** npm's problem lines quoted as evidence; the rest are counted. */
  static final int QUOTED = 6;

  private static final Pattern NPM_ERROR = Pattern.compile("^npm (?:ERR!|error) ");
  private static final Pattern NOISE = Pattern.compile(
      "^npm (?:ERR!|error) (?:code \\S+|A complete log of this run.*|\\s*)$");
  /** npm 7+ silences its update notice only when asked; it would query the registry. */
  private static final Map<String, String> QUIET = Map.of("npm_config_update_notifier", "false", "npm_config_fund", "false");

  private final String npm;

  DependenciesCheck(String npm) {
    this.npm = npm;
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
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      return CheckResult.fail(NAME, "the release has no node_modules: its dependencies were never installed or were"
          + " deleted", Doctor.REINSTALL);
    }
    String shown = "npm " + String.join(" ", ARGS);
    ShortCommand.Output out;
    try {
      out = ShortCommand.run(command(), dir, QUIET, TIMEOUT,
          line -> NPM_ERROR.matcher(line).find() && !NOISE.matcher(line).matches(), QUOTED);
    } catch (IOException e) {
      return CheckResult.warn(NAME, "npm could not be run (`" + npm + "`: " + e.getMessage()
          + "), so node_modules was not compared with the lockfile", "put npm on the PATH or pass --npm");
    }
    if (out.exitCode().isEmpty()) {
      return CheckResult.warn(NAME, shown + " did not finish within " + TIMEOUT.toSeconds() + " s, so node_modules"
          + " was not compared with the lockfile", null);
    }
    if (out.exitCode().get() == 0) {
      return CheckResult.ok(NAME, "node_modules holds every production dependency package.json and the lockfile"
          + " require (" + shown + ")");
    }
    List<String> problems = out.kept().stream().map(line -> line.replaceFirst("^npm (?:ERR!|error) ", "")).toList();
    String first = problems.isEmpty() ? "(npm printed no error line)" : problems.get(0);
    String count = out.keptTotal() > 1 ? " (and " + (out.keptTotal() - 1) + " more)" : "";
    return CheckResult.fail(NAME, shown + " exited with " + out.exitCode().get() + ": " + first + count,
            "install the archive again (installer install runs npm ci --omit=dev into a fresh release);"
                + " never npm install into the live release")
        .withEvidence(String.join("\n", out.kept()));
  }

  private List<String> command() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(npm), ARGS.stream()).toList();
  }
}
