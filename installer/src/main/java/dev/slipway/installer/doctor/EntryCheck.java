package dev.slipway.installer.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.EnvManifest;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.release.KeptLogs;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.env.ReleaseEnvironment;
import dev.slipway.installer.user.ServiceUser;
import dev.slipway.installer.diagnosis.Classifier;
import dev.slipway.installer.diagnosis.Context;
import dev.slipway.installer.diagnosis.Diagnosis;
import dev.slipway.installer.diagnosis.Source;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.process.HealthResult;
import dev.slipway.installer.process.PathResult;
import dev.slipway.process.RunAs;
import dev.slipway.installer.process.ShutdownGuard;
import dev.slipway.installer.process.SmokeResult;
import dev.slipway.installer.process.SmokeSpec;
import dev.slipway.installer.process.SmokeStart;
import dev.slipway.installer.routes.RoutePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code entry}: the release starts the way production starts it, listens on {@code PORT} and
 * answers (steps 4 and 6 of the guide: "Test the production server manually", "Ensure the correct
 * startup file is being launched").
 *
 * <p>First the static part: the entry the manifest names ({@code start.entry}, e.g. {@code
 * server.js}) exists, and {@code web.config}, when there is one, runs that same file; a release
 * without a manifest (adopted) is started the way its web.config or its {@code start} script says.
 * Then the live part, exactly like the installer's smoke start ({@link SmokeStart}): the start
 * command runs in the live release folder on a free loopback port, with the declared variables set
 * in this environment (Next.js loads the release's {@code .env.production} itself), until every
 * health path answers 200-399 (by default: every route of the build answers without a server
 * error, see {@link RoutePlan}) or the timeout passes. The whole process tree is stopped in every
 * case. A failure is named by the {@link Classifier} from the app's output.
 *
 * <p>Nothing is written into the release: the output goes to a private temporary folder, kept
 * (and named in the fix) only when the start failed; the child registry lives there too. A doctor
 * killed with SIGKILL cannot stop the app it started; SIGINT and SIGTERM do.
 */
final class EntryCheck implements Check {
  static final String NAME = "entry";
  static final String WEB_CONFIG = "web.config";
  /** Answers named in the report line; the rest are counted. */
  static final int NAMED_ANSWERS = 4;

  private final String node;
  private final String npm;
  private final Map<String, String> environment;
  private final List<String> healthPaths;
  private final Duration timeout;
  private final Classifier classifier;
  private final AppUser appUser;

  EntryCheck(String node, String npm, Map<String, String> environment, List<String> healthPaths, Duration timeout,
      Classifier classifier, AppUser appUser) {
    this.appUser = appUser;
    this.node = node;
    this.npm = npm;
    this.environment = Map.copyOf(environment);
    this.healthPaths = List.copyOf(healthPaths);
    this.timeout = timeout;
    this.classifier = classifier;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException, InterruptedException {
    Path dir = release.dir();
    Optional<WebConfig> webConfig = Optional.empty();
    if (Files.exists(dir.resolve(WEB_CONFIG))) {
      try {
        webConfig = Optional.of(WebConfig.read(dir.resolve(WEB_CONFIG)));
      } catch (IllegalArgumentException e) {
        return CheckResult.fail(NAME, "web.config cannot be parsed, so IIS cannot start the app (HTTP 500.19): "
            + e.getMessage(), Doctor.REINSTALL);
      }
    }
    Optional<String> named = webConfig.flatMap(WebConfig::entry);

    Manifest.Start start;
    String source;
    if (release.manifest().isPresent()) {
      start = release.manifest().get().start();
      source = "the manifest";
    } else if (named.isPresent()) {
      try {
        start = new Manifest.Start(webConfig.get().kind(), named.get(), null);
      } catch (IllegalArgumentException e) {
        return CheckResult.fail(NAME, "web.config runs " + named.get() + ", which is not a file inside the release",
            Doctor.REINSTALL);
      }
      source = "web.config";
    } else if (hasScript(dir, "start")) {
      start = new Manifest.Start("none", null, "start");
      source = "package.json";
    } else {
      return CheckResult.fail(NAME, "cannot tell how the release starts: it has no manifest, web.config names no"
          + " entry and package.json has no \"start\" script", Doctor.REINSTALL);
    }

    if (start.entry() != null) {
      if (!Files.isRegularFile(dir.resolve(start.entry()))) {
        return CheckResult.fail(NAME, "the entry " + start.entry() + " that " + source + " names is missing from the"
            + " release: node exits at once (HTTP 500.1002 under IIS)", Doctor.REINSTALL);
      }
      if (named.isPresent() && !named.get().equals(start.entry())) {
        return CheckResult.fail(NAME, "web.config runs " + named.get() + " but the release's entry is " + start.entry()
            + ": IIS starts the wrong file", Doctor.REINSTALL);
      }
    } else if (!hasScript(dir, start.npmScript())) {
      return CheckResult.fail(NAME, "the release starts with npm run " + start.npmScript() + ", but package.json has"
          + " no \"" + start.npmScript() + "\" script", Doctor.REINSTALL);
    }
    return startAndAsk(release, start);
  }

  private CheckResult startAndAsk(LiveRelease release, Manifest.Start start) throws IOException, InterruptedException {
    List<String> command = start.command(node, npm);
    Optional<RunAs> runAs;
    try {
      // Issue #20: doctor starts archive code too, so as root it runs as the service user.
      runAs = ServiceUser.decideWithoutRecording(release.root(), appUser).runAs();
    } catch (SlipwayException e) {
      return CheckResult.fail(NAME, "not started: " + e.getMessage(), e.fix()).withEvidence(e.evidence());
    }
    String shown = "`" + (start.entry() != null ? "node " + start.entry() : "npm run " + start.npmScript()) + "`";
    Path work = Files.createTempDirectory("slipway-doctor-"); // owner-only on POSIX: the app's output may hold secrets
    Path log = work.resolve("entry.log");
    RoutePlan plan = RoutePlan.of(release.dir(), healthPaths);
    boolean keepLog = false;
    ShutdownGuard guard = ShutdownGuard.install(Duration.ofSeconds(5));
    try {
      ChildRegistry children = new ChildRegistry(work.resolve("children.json"), guard);
      SmokeResult result;
      try {
        result = SmokeStart.run(new SmokeSpec(release.dir(), command, declaredNames(release), plan.probe(), timeout, log, children,
            runAs));
      } catch (SlipwayException e) {
        return CheckResult.fail(NAME, shown + " could not be started: " + e.getMessage(), e.fix()).withEvidence(e.evidence());
      }
      if (result.ok()) {
        HealthResult.Healthy healthy = (HealthResult.Healthy) result.health();
        PathResult last = healthy.paths().get(healthy.paths().size() - 1);
        CheckResult ok = CheckResult.ok(NAME, shown + " listens on PORT and answered " + answers(healthy) + " after "
            + String.format(Locale.ROOT, "%.1f", last.after().toMillis() / 1000.0) + " s");
        return plan.warning().map(w -> CheckResult.warn(NAME, ok.detail() + "; " + w,
            "repackage the release from a complete next build")).orElse(ok);
      }
      keepLog = true;
      return failure(release, shown, result);
    } finally {
      guard.close();
      if (keepLog) {
        Files.deleteIfExists(work.resolve("children.json"));
      } else {
        FileTrees.deleteRecursively(work);
      }
    }
  }

  private CheckResult failure(LiveRelease release, String shown, SmokeResult result) throws IOException {
    // The app's output may quote a secret (issue #20): the kept log is redacted first, so that the
    // diagnosis and the evidence read from it are too, and the report is redacted again.
    Path envFile = release.dir().resolve(ReleaseEnvironment.RELEASE_ENV_FILE);
    Redactor redactor = Redactor.of(Optional.of(envFile).filter(Files::isRegularFile), declaredNames(release));
    KeptLogs.redact(result.logFile().getParent(), redactor);
    SlipwayException generic = redactor.apply(result.toException());
    String output = BoundedText.head(result.logFile(), BoundedText.MAX_BYTES);
    Context context = Context.forRelease(release.dir(), release.manifest().map(Manifest::header).orElse(null), null).withPort(result.port());
    Diagnosis diagnosis;
    if (result.health() instanceof HealthResult.TimedOut timedOut) {
      diagnosis = classifier.neverListens(timedOut.processAlive(), result.port(), output, context);
    } else if (result.health() instanceof HealthResult.Exited exited) {
      diagnosis = classifier.classify(Source.APP, output, context.withExitCode(exited.code()));
    } else {
      diagnosis = classifier.classify(Source.APP, output, context);
    }
    boolean known = !Classifier.UNKNOWN.equals(diagnosis.code());
    String detail = shown + " does not start and answer on PORT: " + result.reason()
        + (known ? " — " + diagnosis.code() + ": " + diagnosis.explanation() : "");
    String fix = (known ? diagnosis.fix() : generic.fix());
    fix = fix.contains(result.logFile().toString()) ? fix : fix + "; the app's output is in " + result.logFile();
    String evidence = diagnosis.firstException() != null ? diagnosis.firstException() : generic.evidence();
    return CheckResult.fail(NAME, redactor.apply(detail), redactor.apply(fix)).withEvidence(redactor.apply(evidence));
  }

  /** Each answer, or for many routes the first few and a count: the report keeps one line per check. */
  private static String answers(HealthResult.Healthy healthy) {
    List<PathResult> paths = healthy.paths();
    String named = paths.stream().limit(NAMED_ANSWERS)
        .map(p -> "GET " + p.path() + " " + p.status())
        .collect(Collectors.joining(", "));
    return paths.size() <= NAMED_ANSWERS ? named : named + " and " + (paths.size() - NAMED_ANSWERS) + " more, none with a server error";
  }

  /** The declared names set in this environment, as the installer passes them to its smoke start. */
  private Map<String, String> declaredNames(LiveRelease release) {
    Map<String, String> child = new TreeMap<>();
    EnvManifest declared = release.envManifest().orElse(EnvManifest.empty());
    for (List<String> names : List.of(declared.required(), declared.optional(), declared.referencedUndeclared())) {
      for (String name : names) {
        String value = environment.get(name);
        if (value != null) {
          child.put(name, value);
        }
      }
    }
    return child;
  }

  private static boolean hasScript(Path dir, String script) {
    Path packageJson = dir.resolve("package.json");
    if (!Files.isRegularFile(packageJson)) {
      return false;
    }
    try {
      JsonNode scripts = Json.mapper().readTree(packageJson.toFile()).path("scripts");
      return scripts.hasNonNull(script) && !scripts.get(script).asText().isBlank();
    } catch (IOException e) {
      return false;
    }
  }
}
