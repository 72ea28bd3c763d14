package dev.slipway.installer.process;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a smoke start went: the health outcome plus what the user needs to act on a failure.
 *
 * @param health how polling ended
 * @param port the loopback port the release was given as {@code PORT}
 * @param timeout the smoke timeout that applied
 * @param logFile the release's output
 * @param firstError the first thrown exception in the output of this run, if any
 * @param attempt which start this was: another program took the port of each one before it
 *     (see {@link SmokeStart})
 */
public record SmokeResult(
    HealthResult health, int port, Duration timeout, Path logFile, Optional<String> firstError, int attempt) {

  /** "listen EADDRINUSE: address already in use :::3000" (Node's wording) → 3000. */
  private static final Pattern ADDRESS_IN_USE = Pattern.compile("EADDRINUSE\\b.*:(\\d{1,5})\\b");

  public SmokeResult {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(firstError, "firstError");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " is not 1 or more");
    }
  }

  public boolean ok() {
    return health instanceof HealthResult.Healthy;
  }

  /** Short stable code of the failure, e.g. {@code SMOKE_EXITED}; {@code OK} when it worked. */
  public String causeCode() {
    if (health instanceof HealthResult.Healthy) {
      return "OK";
    } else if (health instanceof HealthResult.Exited) {
      if (portTakenByAnother()) {
        return "SMOKE_PORT_TAKEN";
      }
      return otherPortInUse().isPresent() ? "SMOKE_FIXED_PORT" : "SMOKE_EXITED";
    } else if (health instanceof HealthResult.BadStatus) {
      return "SMOKE_BAD_STATUS";
    } else if (health instanceof HealthResult.Dropped) {
      return "SMOKE_CONNECTION_DROPPED";
    } else {
      return nothingListens() ? "SMOKE_NOT_LISTENING" : "SMOKE_NO_ANSWER";
    }
  }

  /** What went wrong, one line; empty when it worked. */
  public String reason() {
    if (health instanceof HealthResult.Healthy) {
      return "";
    } else if (health instanceof HealthResult.Exited exited) {
      Optional<Integer> otherPort = otherPortInUse();
      if (portTakenByAnother()) {
        return String.format(
            "the release exited (code %d): another program took the free port it was given, PORT=%d,"
                + " before it could listen on it (%d starts, each on a new port)",
            exited.code(), port, attempt);
      }
      if (otherPort.isPresent()) {
        return String.format(
            "the release exited (code %d): it tried to listen on port %d, which is in use, instead"
                + " of PORT=%d: does the entry listen on process.env.PORT?",
            exited.code(), otherPort.get(), port);
      }
      if (exited.during() != null) {
        return String.format(
            "the release exited with code %d while answering GET %s", exited.code(), exited.during());
      }
      return String.format(
          "the release exited with code %d before answering its health paths", exited.code());
    } else if (health instanceof HealthResult.BadStatus bad) {
      return bad.status() >= 500
          ? String.format("GET %s answered %d", bad.path(), bad.status())
          : String.format("GET %s answered HTTP %d, not 200–399", bad.path(), bad.status());
    } else if (health instanceof HealthResult.Dropped dropped) {
      return String.format(
          "%s, after the release had answered: the connection was refused or dropped",
          dropped.error());
    } else {
      HealthResult.TimedOut timedOut = (HealthResult.TimedOut) health;
      if (nothingListens()) {
        return String.format(
            "the process is alive but nothing answers on PORT=%d after %ds: does the entry listen"
                + " on process.env.PORT?",
            port, timeout.toSeconds());
      }
      return String.format(
          "the release did not answer its health paths within %ds (%s)",
          timeout.toSeconds(), timedOut.lastError());
    }
  }

  /**
   * The failure as the user sees it.
   *
   * @throws IllegalStateException if the smoke start succeeded
   */
  public SlipwayException toException() {
    if (ok()) {
      throw new IllegalStateException("the smoke start succeeded");
    }
    return new SlipwayException(
        FailureKind.SMOKE_FAILED,
        causeCode(),
        "smoke start failed: " + reason(),
        evidence(),
        fix());
  }

  private String evidence() {
    if (health instanceof HealthResult.BadStatus bad && !bad.bodySnippet().isEmpty()) {
      return firstError.map(e -> e + "\n").orElse("") + "response: " + bad.bodySnippet();
    }
    return firstError.orElse(null);
  }

  private String fix() {
    String log = "the release's output is in " + logFile;
    switch (causeCode()) {
      case "SMOKE_FIXED_PORT":
      case "SMOKE_NOT_LISTENING":
        return "make the entry listen on process.env.PORT (next start and the standalone server.js"
                   + " do), or raise the smoke-start timeout if it needs longer than "
            + timeout.toSeconds()
            + "s to start; "
            + log;
      case "SMOKE_PORT_TAKEN":
        return "another program on this host takes loopback ports the moment they are free (a"
                   + " service starting, a port scanner): find it with `ss -ltnp` and run again; "
            + log;
      case "SMOKE_EXITED":
        return "fix the first error shown; a missing environment variable or a Node.js version the"
                   + " release was not built for are the usual causes; "
            + log;
      case "SMOKE_CONNECTION_DROPPED":
        return "the app stopped answering while handling GET "
            + ((HealthResult.Dropped) health).path()
            + ": fix the first error shown; "
            + log;
      case "SMOKE_BAD_STATUS":
        HealthResult.BadStatus bad = (HealthResult.BadStatus) health;
        return bad.status() >= 500
            ? "the app failed while handling GET " + bad.path() + "; " + log
            : "check the health path (and the app's basePath): GET "
                + bad.path()
                + " answered "
                + bad.status()
                + "; "
                + log;
      default:
        return "the release accepts connections but does not answer; raise the smoke-start timeout"
                   + " if its start-up work takes longer than "
            + timeout.toSeconds()
            + "s; "
            + log;
    }
  }

  private boolean nothingListens() {
    return health instanceof HealthResult.TimedOut t
        && t.processAlive()
        && t.lastError().contains("connection refused");
  }

  /**
   * The release exited because the port we gave it was in use: another program bound it between
   * our check and the release's listen. Starting again on another port is the remedy.
   */
  boolean portTakenByAnother() {
    if (!(health instanceof HealthResult.Exited) || firstError.isEmpty()) {
      return false;
    }
    Matcher m = ADDRESS_IN_USE.matcher(firstError.get());
    return m.find() && Integer.parseInt(m.group(1)) == port;
  }

  /** The port of an EADDRINUSE in the first error, if it is not the port we gave the release. */
  private Optional<Integer> otherPortInUse() {
    if (firstError.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = ADDRESS_IN_USE.matcher(firstError.get());
    if (!m.find()) {
      return Optional.empty();
    }
    int inUse = Integer.parseInt(m.group(1));
    return inUse == port ? Optional.empty() : Optional.of(inUse);
  }
}
