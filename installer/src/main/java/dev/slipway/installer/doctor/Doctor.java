package dev.slipway.installer.doctor;

import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.diagnosis.Classifier;
import dev.slipway.installer.signing.TrustedKeys;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine of {@code installer doctor}: runs the checklist of the 500.1002 guide against the
 * live release of a root and reports one verdict per check. It takes no lock and writes nothing
 * into the root or the release: it may run next to the live site and next to an install.
 *
 * <p>Every check runs, whatever the earlier ones found: the point is the whole picture. A check
 * that cannot run at all (an unreadable file, a bug) is reported as its failure, and the others
 * still run.
 */
public final class Doctor {
  /** The fix for a release whose files are not what was installed. */
  static final String REINSTALL = "reinstall the archive (installer install) — never patch a release by hand";

  private final Reporter reporter;
  private final Map<String, String> environment;
  private final Clock clock;
  private final Classifier classifier = new Classifier();

  /**
   * @param environment the variables the app would get besides its {@code .env.production}
   *     (the CLI passes its own environment); only declared names reach the started entry
   */
  public Doctor(Reporter reporter, Map<String, String> environment, Clock clock) {
    this.reporter = reporter;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  /**
   * Examines the live release of {@code request.root()}.
   *
   * @throws SlipwayException ROOT_LAYOUT when there is no live release to examine (see {@link
   *     LiveRelease#open}), USAGE when {@code --env-file} does not exist
   * @throws InterruptedException if interrupted; every process a check started has been stopped
   */
  public DoctorReport examine(DoctorRequest request) throws IOException, InterruptedException {
    LiveRelease release = LiveRelease.open(request.root());
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks(request, release)) {
      reporter.step("checking " + check.name());
      results.add(runOne(check, release));
    }
    return new DoctorReport(release.releaseId(), release.describe(), results);
  }

  /** The checks, in the guide's order; {@code url} only when URLs were given. */
  List<Check> checks(DoctorRequest request, LiveRelease release) {
    List<Check> checks = new ArrayList<>(List.of(
        new NodeVersionCheck(request.node()),
        new EnvNamesCheck(environment, ReleaseEnvironment.source(release.root(), request.envFile())),
        new BuildOutputCheck(),
        new EntryCheck(request.node(), request.npm(), environment, request.healthPaths(), request.startTimeout(), classifier,
            request.appUser()),
        new DependenciesCheck(request.npm(), request.appUser()),
        new NativeModulesCheck(request.node(), classifier, request.appUser())));
    if (!request.urls().isEmpty()) {
      checks.add(new UrlCheck(request.urls()));
    }
    checks.add(new LogsCheck(classifier, clock));
    if (hasTrustedKeys(release)) {
      checks.add(new SignatureCheck());
    }
    return checks;
  }

  /** The signature check only where signatures are required, so other roots' reports stay as they were. */
  private static boolean hasTrustedKeys(LiveRelease release) {
    try {
      return !TrustedKeys.inFolder(Optional.of(release.root().sharedDir())).isEmpty();
    } catch (IOException | SlipwayException e) {
      return true; // the check itself then says what is wrong
    }
  }

  static CheckResult runOne(Check check, LiveRelease release) throws InterruptedException {
    try {
      return check.run(release);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof SlipwayException s ? s.getMessage() : e.toString();
      return CheckResult.fail(check.name(), "the check could not run: " + why,
          "fix what stops it (often a file of the release this user cannot read), then run installer doctor again");
    }
  }
}
