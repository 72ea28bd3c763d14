package dev.slipway.installer.diagnosis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Names the cause of a failed {@code npm ci} or app start from its captured log and what the
 * manifest and package.json say, using the signatures of {@code causes.tsv}.
 *
 * <p><b>Which signature wins.</b> Every signature that applies to the log's {@link Source} is
 * searched in the whole log (first 2 MB); the one whose match starts on the <em>earliest line</em>
 * wins, and on the same line the one earlier in the data file wins. The earliest line is what
 * failed first; what follows is mostly consequence (npm's summary, node's exit, a retry).
 *
 * <p><b>What the classifier decides itself</b>, with the wording of the code's line in the data file:
 *
 * <ul>
 *   <li>{@code MODULE_MISSING} for a package ({@code @scope/pkg/sub} counts as {@code @scope/pkg},
 *       Turbopack's {@code pkg-<16 hex>} as {@code pkg})
 *       that is a devDependency and not a dependency becomes {@code DEV_DEPENDENCY_MISSING}
 *       ({@code npm ci --omit=dev} left it out); one that is a dependency becomes
 *       {@code MODULE_NOT_INSTALLED}; a path ({@code ./x}, {@code /srv/app/x.js}) becomes
 *       {@code MODULE_FILE_MISSING};
 *   <li>{@code PORT_IN_USE} on a port other than the {@code PORT} the installer gave becomes
 *       {@code FIXED_PORT}: the app ignores {@code PORT};
 *   <li>no signature and exit code 134 (SIGABRT, how V8 ends node when the heap is full) gives
 *       {@code HEAP_EXHAUSTED};
 *   <li>no signature otherwise gives {@code UNKNOWN}, which still quotes the first thrown exception;
 *   <li>{@link #neverListens}, {@link #fixedPort}, {@link #nodeMajorMismatch},
 *       {@link #enginesMismatch} and {@link #envNotSet} word what other steps found.
 * </ul>
 */
public final class Classifier {
  public static final String UNKNOWN = "UNKNOWN";
  static final String MODULE_MISSING = "MODULE_MISSING";
  static final String DEV_DEPENDENCY_MISSING = "DEV_DEPENDENCY_MISSING";
  static final String MODULE_NOT_INSTALLED = "MODULE_NOT_INSTALLED";
  static final String MODULE_FILE_MISSING = "MODULE_FILE_MISSING";
  static final String PORT_IN_USE = "PORT_IN_USE";
  static final String FIXED_PORT = "FIXED_PORT";
  static final String HEAP_EXHAUSTED = "HEAP_EXHAUSTED";
  static final String NEVER_LISTENS = "NEVER_LISTENS";
  static final String NODE_MAJOR_MISMATCH = "NODE_MAJOR_MISMATCH";
  static final String NODE_ENGINES_MISMATCH = "NODE_ENGINES_MISMATCH";
  static final String ENV_VAR_UNSET = "ENV_VAR_UNSET";

  /** Codes this class words itself; the data file must have a line for each. */
  static final List<String> DECIDED_HERE = List.of(
      UNKNOWN, MODULE_MISSING, DEV_DEPENDENCY_MISSING, MODULE_NOT_INSTALLED, MODULE_FILE_MISSING, PORT_IN_USE,
      FIXED_PORT, HEAP_EXHAUSTED, NEVER_LISTENS, NODE_MAJOR_MISMATCH, NODE_ENGINES_MISMATCH, ENV_VAR_UNSET);

  /** V8 aborts node (SIGABRT: 128 + 6) when the heap is exhausted. */
  static final int SIGABRT_EXIT = 134;

  private final Signatures signatures;

  /** A classifier with the signatures shipped in {@code causes.tsv}. */
  public Classifier() {
    this(Signatures.load());
  }

  public Classifier(Signatures signatures) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    for (String code : DECIDED_HERE) {
      signatures.wording(code); // fails at construction, not at the first failed install
    }
  }

  public Signatures signatures() {
    return signatures;
  }

  /** Names the cause of a failure from the log that {@code source} wrote. */
  public Diagnosis classify(Source source, String logText, Context context) {
    return judge(source, LogText.of(logText), context).diagnosis();
  }

  /** Same as {@link #classify(Source, String, Context)} for a log file; only its first 2 MB are read. */
  public Diagnosis classify(Source source, Path log, Context context) throws IOException {
    return judge(source, LogText.read(log), context).diagnosis();
  }

  /**
   * The smoke start timed out: nothing answered on {@code 127.0.0.1:port}. In order: the app
   * announced another port ({@code FIXED_PORT}); a signature matched the log (the app logged its
   * failure and kept running, or exited); the process is alive ({@code NEVER_LISTENS}); else what
   * {@link #classify} says about the exit.
   */
  public Diagnosis neverListens(boolean processAlive, int port, String logText) {
    return neverListens(processAlive, port, logText, Context.empty());
  }

  public Diagnosis neverListens(boolean processAlive, int port, String logText, Context context) {
    return judgeNeverListens(processAlive, port, LogText.of(logText), context).diagnosis();
  }

  /**
   * {@code FIXED_PORT} when the log shows the app listening on a port other than {@code port}
   * (Next.js's {@code - Local: http://localhost:3000}, {@code > Ready on http://localhost:3000},
   * {@code listening on 3000}, ...) and nowhere on {@code port}; empty otherwise.
   */
  public Optional<Diagnosis> fixedPort(int port, String logText) {
    return judgeFixedPort(port, LogText.of(logText)).map(Verdict::diagnosis);
  }

  /** Preflight: the release was built with another major version of Node than this host runs. */
  public Diagnosis nodeMajorMismatch(String buildNodeVersion, String hostNodeVersion) {
    return judgeNodeMajorMismatch(buildNodeVersion, hostNodeVersion).diagnosis();
  }

  /** Preflight: this host's Node does not satisfy the release's {@code engines.node}. */
  public Diagnosis enginesMismatch(String enginesRange, String hostNodeVersion) {
    return judgeEnginesMismatch(enginesRange, hostNodeVersion).diagnosis();
  }

  /** The env check: variables the release declares as required are not set (names only, never values). */
  public Diagnosis envNotSet(Collection<String> names) {
    return judgeEnvNotSet(names).diagnosis();
  }

  // ---------------------------------------------------------------------------------------------

  Verdict judgeNodeMajorMismatch(String buildNodeVersion, String hostNodeVersion) {
    Map<String, String> values = new HashMap<>();
    values.put("buildNode", buildNodeVersion);
    values.put("hostNode", hostNodeVersion);
    values.put("buildMajor", major(buildNodeVersion));
    values.put("hostMajor", major(hostNodeVersion));
    String evidence = "builtWith.node: " + buildNodeVersion + "\nnode --version: " + hostNodeVersion;
    return worded(NODE_MAJOR_MISMATCH, values, evidence);
  }

  Verdict judgeEnginesMismatch(String enginesRange, String hostNodeVersion) {
    Map<String, String> values = new HashMap<>();
    values.put("range", enginesRange);
    values.put("hostNode", hostNodeVersion);
    String evidence = "engines.node: " + enginesRange + "\nnode --version: " + hostNodeVersion;
    return worded(NODE_ENGINES_MISMATCH, values, evidence);
  }

  Verdict judgeEnvNotSet(Collection<String> names) {
    Map<String, String> values = new HashMap<>();
    values.put("names", String.join(", ", names));
    return worded(ENV_VAR_UNSET, values, null);
  }

  /**
   * A diagnosis with the data-file lines behind it: {@code matched} is the line whose regex won
   * (null when the classifier decided without a match) and {@code matchedLine} the log line it
   * matched on (-1 then); {@code worded} is the line whose wording was used, which differs from
   * {@code matched} when the classifier derived another code (MODULE_MISSING to DEV_DEPENDENCY_MISSING).
   */
  record Verdict(Signature matched, int matchedLine, Signature worded, Diagnosis diagnosis) {}

  private record Match(Signature signature, int line, Map<String, String> groups) {}

  Verdict judge(Source source, LogText log, Context context) {
    Context facts = context == null ? Context.empty() : context;
    Match best = null;
    String text = log.text();
    for (Signature signature : signatures.matching(source)) {
      Matcher m = signature.pattern().matcher(text);
      if (m.find()) {
        int line = log.lineAt(m.start());
        if (best == null || line < best.line()) {
          best = new Match(signature, line, groups(signature, m));
        }
      }
    }
    if (best == null) {
      String code = Integer.valueOf(SIGABRT_EXIT).equals(facts.exitCode()) ? HEAP_EXHAUSTED : UNKNOWN;
      return worded(code, contextValues(facts), FirstException.first(log));
    }
    Map<String, String> values = contextValues(facts);
    values.putAll(best.groups());
    String evidence = FirstException.around(log, best.line(), source);
    String code = best.signature().code();
    if (code.equals(MODULE_MISSING) && values.get("module") != null) {
      return module(best, values, evidence, facts);
    }
    if (code.equals(PORT_IN_USE) && facts.port() != null && values.get("busyPort") != null
        && !values.get("busyPort").equals(String.valueOf(facts.port()))) {
      values.put("listenPort", values.get("busyPort"));
      return derived(best, FIXED_PORT, values, evidence);
    }
    return verdict(best.signature(), best.line(), values, evidence);
  }

  private Verdict module(Match match, Map<String, String> values, String evidence, Context facts) {
    String raw = values.get("module");
    String pkg = ModuleNames.unhashed(ModuleNames.packageName(raw));
    String code;
    if (pkg == null) {
      code = MODULE_FILE_MISSING;
    } else {
      values.put("module", pkg);
      if (facts.devDependencies().contains(pkg) && !facts.dependencies().contains(pkg)) {
        code = DEV_DEPENDENCY_MISSING;
      } else if (facts.dependencies().contains(pkg)) {
        code = MODULE_NOT_INSTALLED;
      } else {
        return verdict(match.signature(), match.line(), values, evidence);
      }
    }
    return derived(match, code, values, evidence);
  }

  private Verdict derived(Match match, String code, Map<String, String> values, String evidence) {
    Signature wording = signatures.wording(code);
    Cause cause = wording.cause(values);
    return new Verdict(match.signature(), match.line(), wording,
        new Diagnosis(cause.code(), cause.explanation(), evidence, cause.fix()));
  }

  Verdict judgeNeverListens(boolean processAlive, int port, LogText log, Context context) {
    Context facts = (context == null ? Context.empty() : context).withPort(port);
    Optional<Verdict> fixed = judgeFixedPort(port, log);
    if (fixed.isPresent()) {
      return fixed.get();
    }
    Verdict fromLog = judge(Source.APP, log, processAlive ? facts.withExitCode(null) : facts);
    if (fromLog.matchedLine() >= 0 || !processAlive) {
      return fromLog;
    }
    String evidence = FirstException.first(log);
    if (evidence == null) {
      evidence = firstListenLine(log); // "- Local: http://web-1:41873": right port, wrong host?
    }
    return worded(NEVER_LISTENS, contextValues(facts), evidence);
  }

  private String firstListenLine(LogText log) {
    int first = -1;
    for (Signature signature : signatures.listen()) {
      Matcher m = signature.pattern().matcher(log.text());
      if (m.find()) {
        int line = log.lineAt(m.start());
        first = first < 0 ? line : Math.min(first, line);
      }
    }
    return first < 0 ? null : FirstException.clean(log.line(first));
  }

  Optional<Verdict> judgeFixedPort(int port, LogText log) {
    String ours = String.valueOf(port);
    Match other = null;
    for (Signature signature : signatures.listen()) {
      Matcher m = signature.pattern().matcher(log.text());
      while (m.find()) {
        Map<String, String> groups = groups(signature, m);
        String announced = stripZeros(groups.get("listenPort"));
        if (announced.equals(ours)) {
          return Optional.empty(); // it does listen on our port (too): not a fixed port
        }
        int line = log.lineAt(m.start());
        if (other == null || line < other.line()) {
          other = new Match(signature, line, groups);
        }
      }
    }
    if (other == null) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>(other.groups());
    values.put("port", ours);
    return Optional.of(verdict(other.signature(), other.line(), values, FirstException.clean(log.line(other.line()))));
  }

  private Verdict worded(String code, Map<String, String> values, String evidence) {
    return verdict(signatures.wording(code), -1, values, evidence);
  }

  private static Verdict verdict(Signature signature, int line, Map<String, String> values, String evidence) {
    Cause cause = signature.cause(values);
    return new Verdict(line < 0 ? null : signature, line, signature,
        new Diagnosis(cause.code(), cause.explanation(), evidence, cause.fix()));
  }

  private static Map<String, String> groups(Signature signature, Matcher m) {
    Map<String, String> groups = new HashMap<>();
    for (String name : signature.groupNames()) {
      String value = m.group(name);
      if (value != null) {
        groups.put(name, FirstException.maskPassword(value.strip()));
      }
    }
    return groups;
  }

  private static Map<String, String> contextValues(Context facts) {
    Map<String, String> values = new HashMap<>();
    putIfSet(values, "buildNode", facts.buildNodeVersion());
    putIfSet(values, "hostNode", facts.hostNodeVersion());
    putIfSet(values, "exitCode", facts.exitCode());
    putIfSet(values, "port", facts.port());
    return values;
  }

  private static void putIfSet(Map<String, String> values, String key, Object value) {
    if (value != null) {
      values.put(key, String.valueOf(value));
    }
  }

  /** "v20.11.1" and "20.11.1" both give "20". */
  static String major(String version) {
    if (version == null) {
      return null;
    }
    String v = version.strip().startsWith("v") ? version.strip().substring(1) : version.strip();
    int dot = v.indexOf('.');
    return dot < 0 ? v : v.substring(0, dot);
  }

  private static String stripZeros(String port) {
    return port.replaceFirst("^0+(?=\\d)", "");
  }
}
