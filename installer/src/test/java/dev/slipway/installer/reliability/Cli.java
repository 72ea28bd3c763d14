package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the shaded installer jar as a real process, the way an operator or a deploy script does,
 * so that it can be killed with SIGKILL, SIGTERM or SIGINT. stdout and stderr go to files (never
 * pipes: a killed reader must not block the installer, and the files survive for the report).
 */
final class Cli {
  /** npm answers from the shared cache without asking the registry: same result, faster. */
  static final Map<String, String> BASE_ENV =
      Map.of("npm_config_prefer_offline", "true", "npm_config_update_notifier", "false", "NEXT_TELEMETRY_DISABLED", "1");

  static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final AtomicInteger RUNS = new AtomicInteger();

  private Cli() {}

  static Path jar() {
    Path jar = ExampleApp.repoRoot().resolve("installer/target/slipway-installer.jar");
    assertThat(jar).as("the shaded installer jar (run the ITs with mvn verify, after package)").isRegularFile();
    return jar;
  }

  /** The folder of this module's compiled test classes, where {@link HoldAtStep} and its service file are. */
  static Path testHooks() {
    try {
      return Path.of(HoldAtStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code installer ARGS...} with {@code env} on top of this JVM's environment. */
  static Running start(Path logDir, Map<String, String> env, List<String> jvmOptions, List<String> args) {
    return start(List.of(), logDir, env, jvmOptions, args);
  }

  /**
   * Starts {@code WRAPPER... java ... installer ARGS...}: the wrapper runs the installer somewhere
   * else, e.g. {@code nsenter} into a private mount namespace ({@link PrivateTmpfs}).
   */
  static Running start(List<String> wrapper, Path logDir, Map<String, String> env, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // bin/installer's heap; C1 only and the serial collector: the same program, started with less
    // CPU (these tests start well over a hundred installers on a 2-core machine).
    command.addAll(jvmOptions.isEmpty() ? DEFAULT_JVM_OPTIONS : jvmOptions);
    // The shipped jar plus the test classes, whose StepHook service (HoldAtStep) honours
    // SLIPWAY_TEST_HOLD_AT; the jar alone, as bin/installer runs it, has no such hook (issue #20).
    command.add("-cp");
    command.add(jar() + java.io.File.pathSeparator + testHooks());
    command.add("dev.slipway.installer.cli.InstallerMain");
    command.addAll(args);
    if (args.get(0).equals("install") && !args.contains("--service-user")) {
      // These tests run as root (CI) and are not about the service user (issue #20, ServiceUserIT).
      command.add("--allow-root-app");
    }
    try {
      Files.createDirectories(logDir);
      int n = RUNS.incrementAndGet();
      // One line per installer started, for whoever wonders where the suite's time goes.
      Path runs = ExampleApp.repoRoot().resolve("target/reliability-it/runs.log");
      Files.createDirectories(runs.getParent());
      Files.writeString(runs, java.time.Instant.now() + " " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      Path out = logDir.resolve("run-" + n + "-" + args.get(0) + ".out");
      Path err = logDir.resolve("run-" + n + "-" + args.get(0) + ".err");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().remove("SLIPWAY_TEST_HOLD_AT");
      builder.environment().putAll(BASE_ENV);
      builder.environment().putAll(env);
      return new Running(builder.start(), out, err, String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Running start(Path logDir, Map<String, String> env, String... args) {
    return start(logDir, env, List.of(), List.of(args));
  }

  /** Runs to the end (at most 3 minutes). */
  static Result run(Path logDir, Map<String, String> env, String... args) {
    return start(logDir, env, args).awaitExit(Duration.ofMinutes(3));
  }

  static Result run(Path logDir, String... args) {
    return run(logDir, Map.of(), args);
  }

  /** A finished run; {@code millis} from its start to its exit. */
  record Result(int exitCode, String stdout, List<String> stderr, long pid, long millis) {
    /** The first line on stderr, as an operator or a log scraper sees it. */
    String firstStderrLine() {
      return stderr.isEmpty() ? "" : stderr.get(0);
    }

    /** The first {@code error: CAUSE: ...} line (after the step lines of a run that got going). */
    String errorLine() {
      return stderr.stream().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    }

    String stderrText() {
      return String.join("\n", stderr);
    }

    /** The last line of stdout: the release's path after an install. */
    String lastStdoutLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }

    @Override
    public String toString() {
      return "exit " + exitCode + " (pid " + pid + ", " + millis + " ms)\nstdout:\n" + stdout + "\nstderr:\n" + stderrText();
    }
  }

  /** A started run. */
  static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final String what;
    private final long startedNanos = System.nanoTime();

    private volatile long exitedNanos;

    Running(Process process, Path out, Path err, String what) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.what = what;
      process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
    }

    long pid() {
      return process.pid();
    }

    Process process() {
      return process;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    long elapsedMillis() {
      return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    List<String> stderr() {
      return read(err);
    }

    /**
     * Waits for a stderr line containing {@code text} (e.g. the hold marker). Fails at once if the
     * run exits first, with what it printed.
     */
    void awaitStderr(String text, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        if (stderr().stream().anyMatch(l -> l.contains(text))) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError("`installer " + what + "` exited (" + process.exitValue() + ") before printing \""
              + text + "\":\n" + String.join("\n", stderr()));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("`installer " + what + "` did not print \"" + text + "\" within " + timeout
              + ":\n" + String.join("\n", stderr()));
        }
        sleep(5);
      }
    }

    /** SIGKILL, the way the OOM killer or {@code kill -9} ends it: no handler, no finally. */
    void kill9() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new AssertionError("the installer survived SIGKILL for 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /**
     * {@code kill -SIGNAL PID}: TERM is what {@link Process#destroy()} sends; INT is Ctrl-C's.
     *
     * @return false when the run had already exited, so there was nobody to signal
     */
    boolean signal(String signal) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
            .redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (kill.waitFor() == 0) {
          return true;
        }
        process.waitFor(5, TimeUnit.SECONDS);
        assertThat(process.isAlive()).as("kill -" + signal + " failed (" + output + ") although the run is alive").isFalse();
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    Result awaitExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(30, TimeUnit.SECONDS);
          throw new AssertionError("`installer " + what + "` did not exit within " + timeout + ":\n"
              + String.join("\n", stderr()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      long end = exitedNanos == 0 ? System.nanoTime() : exitedNanos;
      return new Result(process.exitValue(), String.join("\n", read(out)), read(err), process.pid(), (end - startedNanos) / 1_000_000);
    }

    private static List<String> read(Path file) {
      try {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
