package dev.slipway.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A started command together with everything it starts, so that all of it can be stopped.
 *
 * <p>On Unix the command is started through {@code setsid} when that is on the PATH (util-linux;
 * not macOS by default): the child becomes the leader of a new session and process group, so its
 * process group id equals its pid, and every process it forks stays in that group unless it leaves
 * on purpose. {@link #stopTree(Duration)} then signals the group (see {@link TreeStopper}). A side
 * effect we want: the tree has no controlling terminal, so a Ctrl-C at the installer's terminal
 * reaches the installer only, which stops the tree itself.
 *
 * <p>Output (stdout and stderr, interleaved) is appended to the log file; stdin is closed. Java
 * never stops children when the JVM exits: call {@link #stopTree} or {@link #close}, and see {@link
 * ShutdownGuard} and {@link ChildRegistry} for the installer being stopped itself.
 */
public final class ProcessTree implements AutoCloseable {

  /** Grace period used by {@link #close()}. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final String commandSummary;
  private final OptionalLong processGroup;
  private final Instant startInstant;
  private final TreeStopper stopper;

  private ProcessTree(
      Process process,
      Instant notBefore,
      String commandSummary,
      OptionalLong processGroup,
      ProcessTable table) {
    this.process = process;
    this.commandSummary = commandSummary;
    this.processGroup = processGroup;
    // A command that exits at once (sh -c 'server & exit') can be reaped before we ask; then the
    // moment before starting it is the best we know, and a lower bound for every process it
    // started, which is what ChildRegistry checks group members against.
    this.startInstant = process.info().startInstant().orElse(notBefore);
    this.stopper = new TreeStopper(table, Optional.of(process.toHandle()), processGroup);
  }

  /**
   * Starts {@code spec}.
   *
   * @throws IOException if the program cannot be started (not found, not executable) or the log
   *     file cannot be opened
   */
  public static ProcessTree start(ProcessSpec spec) throws IOException {
    ProcessTable table = ProcessTable.forThisOs();
    Map<String, String> env = new LinkedHashMap<>(BaseEnvironment.ofThisProcess());
    env.putAll(spec.env());
    Optional<Path> setsid =
        table.hasProcessGroups() ? findOnPath("setsid", System.getenv("PATH")) : Optional.empty();
    List<String> prefix = new ArrayList<>();
    if (setsid.isPresent()) {
      // -w: should setsid ever have to fork (it does when it already leads a process group,
      // which a freshly spawned JVM child does not), it waits and passes on the exit status, so
      // the process we hold still lives exactly as long as the command.
      prefix.addAll(List.of(setsid.get().toString(), "-w"));
    }
    if (spec.runAs().isPresent()) {
      RunAs user = spec.runAs().get();
      env.putAll(user.environment());
      // Issue #20: archive code never runs as root. exec'd by setsid, so the dropped process is
      // still the group leader we signal.
      Path setpriv = findOnPath("setpriv", System.getenv("PATH"))
          .orElseThrow(() -> new IOException("setpriv (util-linux) is not on the PATH: it is needed to run the"
              + " release as the service user " + user.name()));
      prefix.addAll(user.wrap(setpriv, List.of()));
    }
    List<String> command = new ArrayList<>(prefix);
    if (prefix.isEmpty()) {
      command.addAll(spec.command());
    } else {
      // The wrappers always start, so a missing program would surface as exit code 1 and a line
      // in the log. Resolve it here, on the PATH the child gets (execvp's rule), to fail like
      // ProcessBuilder does.
      command.add(resolve(spec.command().get(0), spec.workingDir(), env.get("PATH")).toString());
      command.addAll(spec.command().subList(1, spec.command().size()));
    }

    Path log = spec.logFile().toAbsolutePath();
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    Instant notBefore = Instant.now();
    Process process = builder.start();
    process.getOutputStream().close(); // stdin: immediate EOF, never a read that blocks forever
    // setsid(2) makes the caller's pid its process group id. Until setsid has run (microseconds
    // after start) no group with this id exists and a group signal finds nobody, which is
    // harmless: the root is also stopped as a process.
    OptionalLong group = setsid.isPresent() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    return new ProcessTree(process, notBefore, spec.summary(), group, table);
  }

  private static Path resolve(String program, Path workingDir, String path) throws IOException {
    Optional<Path> found =
        program.contains("/")
            ? Optional.of(workingDir.resolve(program)).filter(ProcessTree::isExecutableFile)
            : findOnPath(program, path);
    return found.orElseThrow(
        () ->
            new IOException(
                "Cannot run program \""
                    + program
                    + "\": not found"
                    + (program.contains("/") ? "" : " on PATH")
                    + " or not executable"));
  }

  private static boolean isExecutableFile(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
  }

  private static Optional<Path> findOnPath(String program, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (isExecutableFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The pid of the started command (the tree's root). */
  public long pid() {
    return process.pid();
  }

  /** The process group created for the tree; empty where none was (Windows, no setsid). */
  public OptionalLong processGroup() {
    return processGroup;
  }

  /**
   * When the OS says the root started (with the pid, that identifies it across pid reuse); if the
   * root exited before the OS could be asked, the moment before it was started.
   */
  public Instant startInstant() {
    return startInstant;
  }

  /** The command as one line (no environment), for logs and the child registry. */
  public String commandSummary() {
    return commandSummary;
  }

  /** Whether the root still runs (its children may outlive it: see {@link #runningPids()}). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The root's exit code, once it has exited. */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Waits up to {@code timeout} for the root to exit; returns whether it did. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The pids of the tree that run now: root, descendants, and the members of its group. */
  public Set<Long> runningPids() {
    return stopper.runningPids();
  }

  /**
   * Stops the whole tree: SIGTERM, up to {@code grace} to exit, then SIGKILL, repeated until none
   * of it runs. Idempotent; safe to call from several threads. Completes even if the calling thread
   * is interrupted, and keeps the interrupt flag set.
   *
   * @throws IllegalStateException if a process survives repeated SIGKILLs
   */
  public synchronized void stopTree(Duration grace) {
    stopper.stop(grace);
  }

  /** {@link #stopTree} with {@link #DEFAULT_GRACE}. */
  @Override
  public void close() {
    stopTree(DEFAULT_GRACE);
  }

  @Override
  public String toString() {
    return "ProcessTree[pid " + pid() + ", " + commandSummary + "]";
  }
}
