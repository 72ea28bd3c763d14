package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.RunAs;
import dev.slipway.installer.diagnosis.FirstException;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Installs a release's production dependencies exactly as locked: {@code npm ci --omit=dev
 * --no-audit --no-fund}.
 *
 * <p>{@code ci} rather than {@code install}: it installs what package-lock.json says or fails,
 * never resolves anew ("dependency drift" is a classic cause of a release that worked on the build
 * machine failing on the server). {@code --no-audit --no-fund}: two registry round trips whose
 * output nobody reads during a deploy. The npm cache is shared across releases (so a redeploy of
 * unchanged dependencies needs no network), and the update notifier is off (it would query the
 * registry and print to the log).
 *
 * <p>npm runs as a {@link ProcessTree}, registered while it runs: on a timeout the whole tree goes,
 * including install scripts and the processes they started.
 */
public final class NpmCi {

  /** Generous: with the registry unreachable, npm's retry back-off alone takes over a minute. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int TAIL_BYTES = 16 * 1024;

  private static final Pattern LOCKFILE_PROBLEM =
      Pattern.compile(
          "EUSAGE|ENOLOCK|can only install (packages )?(when|with)"
              + "|package-lock\\.json.*in sync|from lock ?file|Invalid: lock file");
  private static final Pattern NETWORK_PROBLEM =
      Pattern.compile(
          "\\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\\b");

  private final String npm;
  private final Path cacheDir;
  private final Duration timeout;
  private final ChildRegistry registry;
  private final Optional<RunAs> runAs;

  /**
   * @param npm the npm executable, e.g. {@link #defaultExecutable()} or a full path
   * @param cacheDir the shared npm cache, e.g. {@code ROOT/shared/npm-cache}
   * @param timeout how long npm ci may take before it is stopped
   * @param registry records npm's process tree while it runs
   */
  public NpmCi(String npm, Path cacheDir, Duration timeout, ChildRegistry registry) {
    this(npm, cacheDir, timeout, registry, Optional.empty());
  }

  /**
   * @param runAs the service user npm and every install script run as (issue #20); it must own
   *     {@code cacheDir} and the release's {@code node_modules}
   */
  public NpmCi(String npm, Path cacheDir, Duration timeout, ChildRegistry registry, Optional<RunAs> runAs) {
    this.runAs = Objects.requireNonNull(runAs, "runAs");
    this.npm = Objects.requireNonNull(npm, "npm");
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * {@code npm}, or {@code npm.cmd} on Windows, where npm is a batch file CreateProcess does not
   * find by its bare name.
   */
  public static String defaultExecutable() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        ? "npm.cmd"
        : "npm";
  }

  /** Where the output of npm ci in {@code releaseDir} goes. */
  public static Path logFile(Path releaseDir) {
    return releaseDir.resolve(".deploy").resolve("logs").resolve("npm-ci.log");
  }

  /**
   * Runs npm ci in {@code releaseDir}.
   *
   * @param env variables added for npm and the install scripts, e.g. a registry token that {@code
   *     .npmrc} refers to as {@code ${NPM_TOKEN}}; values are never logged
   * @return the log file
   * @throws SlipwayException NPM_FAILED when npm fails or times out; DISK_FULL when it ran out of
   *     disk space; NODE_PREFLIGHT when npm cannot be run at all
   * @throws InterruptedException if interrupted; npm has been stopped
   */
  public Path run(Path releaseDir, Map<String, String> env) throws InterruptedException {
    Path log = logFile(releaseDir);
    Map<String, String> npmEnv = new LinkedHashMap<>(env);
    npmEnv.put("npm_config_cache", cacheDir.toString());
    npmEnv.put("npm_config_update_notifier", "false");
    ProcessSpec spec =
        new ProcessSpec(
            List.of(npm, "ci", "--omit=dev", "--no-audit", "--no-fund"), releaseDir, npmEnv, log, runAs);

    long logStart = sizeOf(log);
    java.time.Instant started = java.time.Instant.now();
    ProcessTree tree;
    try {
      tree = ProcessTree.start(spec);
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.NODE_PREFLIGHT,
          "NPM_NOT_FOUND",
          "npm could not be run (`"
              + npm
              + "`); install npm (it comes with Node.js) or pass the path of the npm executable",
          e.getMessage(),
          null);
    }
    boolean finished;
    // Closing also stops what a normally finished npm left: an install script's background process.
    try (RegisteredTree running =
        RegisteredTree.register(tree, registry, STOP_GRACE, FailureKind.NPM_FAILED)) {
      finished = tree.waitFor(timeout);
    } catch (SlipwayException e) {
      if (e.kind() == FailureKind.DISK_FULL) { // children.json could not be written: npm filled the disk
        throw NpmDiskFull.failure(releaseDir, log,
            NpmDiskFull.evidence(releaseDir, cacheDir, log, logStart, started).orElse(e.evidence()));
      }
      throw e;
    }
    if (!finished) {
      throw new SlipwayException(
          FailureKind.NPM_FAILED,
          "NPM_CI_TIMEOUT",
          "npm ci --omit=dev did not finish within "
              + timeout.toMinutes()
              + " min and was stopped; see "
              + log,
          FirstException.inLog(log, logStart).orElse(null),
          "npm waits and retries when the registry is slow or unreachable: check this server's"
              + " access to the registry, or raise the npm timeout");
    }
    int exit = tree.exitCode().orElseThrow();
    if (exit != 0) {
      Optional<String> noSpace = NpmDiskFull.evidence(releaseDir, cacheDir, log, logStart, started);
      if (noSpace.isPresent()) {
        throw NpmDiskFull.failure(releaseDir, log, noSpace.get());
      }
      Optional<String> firstError = FirstException.inLog(log, logStart);
      throw new SlipwayException(
          FailureKind.NPM_FAILED,
          "NPM_CI_FAILED",
          "npm ci --omit=dev failed (exit " + exit + "); see " + log,
          firstError.orElse(null),
          fixFor(firstError.orElse("") + "\n" + tail(log, logStart), log));
    }
    return log;
  }

  /** A first guess at what to do; a fuller classifier of npm failures is separate work. */
  static String fixFor(String output, Path log) {
    if (LOCKFILE_PROBLEM.matcher(output).find()) {
      return "package.json and package-lock.json in the release do not match (or the lockfile is"
                 + " missing): run `npm install` where the app is built, commit package-lock.json,"
                 + " and build a new archive";
    }
    if (NETWORK_PROBLEM.matcher(output).find()) {
      return "this server cannot reach the npm registry: check DNS, firewall and proxy settings "
          + "(HTTPS_PROXY, npm_config_proxy) and the registry configured in .npmrc";
    }
    return "read the npm output in " + log;
  }

  private static long sizeOf(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The last {@value #TAIL_BYTES} bytes written since {@code from}: where npm puts its summary. */
  private static String tail(Path log, long from) {
    try (InputStream in = Files.newInputStream(log)) {
      long size = Files.size(log);
      in.skipNBytes(Math.max(from, size - TAIL_BYTES));
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
