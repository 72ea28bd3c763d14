package dev.slipway.installer.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls {@code http://127.0.0.1:PORT/path} for each health path until all have answered or it is
 * clear they will not.
 *
 * <p>Only an HTTP answer counts as started. Next.js prints its "Ready" line before it has loaded
 * the app's config, and an exception during start-up often leaves the process alive, answering
 * every request with 500; so neither a log line nor a live process means the release works.
 *
 * <p>Outcomes, per request:
 *
 * <ul>
 *   <li>200–399: the path is up (redirects are not followed: a 3xx is an answer, and following it
 *       could leave loopback, e.g. a redirect to the public https URL). Next path.
 *   <li>No connection, a reset, or no answer within the request timeout: still starting; poll again
 *       until the deadline.
 *   <li>Any other status, 4xx included: fail at once. The server is up and answering, so another
 *       try will get the same answer: a 404 means the health path or basePath is wrong, a 5xx that
 *       the app failed. (Next.js holds early requests until it is prepared rather than answering
 *       them with an error, so there is no transient error status to wait out.)
 *   <li>The process exited: fail at once.
 * </ul>
 *
 * <p>The routes of the build ({@link Probe#everyRoute}, issue #16) are judged by what a user
 * would see: once the release has answered, a route fails on a 5xx, a refused or dropped
 * connection, or no answer in the time left; a 3xx or 4xx passes (a page behind a login, a route
 * handler without GET). The {@code /_next/static} asset the index's HTML names must answer
 * 200–399: a 404 there is a build whose static files are missing.
 */
public final class HealthPoller {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
  private static final Duration MIN_REQUEST_TIME = Duration.ofMillis(100);
  /**
   * The wait after a refused connection, when it is shorter than the interval (issue #18: install
   * time). Nothing listens yet; asking again costs a loopback connect, microseconds, and every
   * smoke start waited half an interval on average (125 ms) between Next's listen and our request.
   */
  private static final Duration REFUSED_RETRY = Duration.ofMillis(20);
  private static final String NO_REQUEST = "no request made";
  private static final int SNIPPET_BYTES = 2048;
  private static final int SNIPPET_CHARS = 300;
  /** What is read of the index page to find a static asset: Next names its scripts in the head. */
  private static final int PAGE_BYTES = 512 * 1024;
  /** How long a dropped connection waits for the process to be seen exiting. */
  private static final Duration EXIT_GRACE = Duration.ofMillis(500);

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Duration interval;

  public HealthPoller() {
    this(DEFAULT_REQUEST_TIMEOUT, DEFAULT_INTERVAL);
  }

  public HealthPoller(Duration requestTimeout, Duration interval) {
    this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
    this.interval = requirePositive(interval, "interval");
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/1.1 only: on a plain http URI the default would ask to upgrade to h2c, which
            // some Node servers answer badly; we need a status line, nothing more.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(requestTimeout)
            .build();
  }

  /**
   * Polls {@code paths} on loopback {@code port}, in order, for at most {@code timeout}: the
   * operator's health paths ({@link Probe#healthPaths}).
   *
   * @param exitCode the process's exit code once it has exited (e.g. {@code tree::exitCode})
   * @throws InterruptedException if interrupted while waiting; the caller stops the process
   */
  public HealthResult poll(
      int port, List<String> paths, Supplier<Optional<Integer>> exitCode, Duration timeout)
      throws InterruptedException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("at least one health path is needed");
    }
    return poll(port, Probe.healthPaths(paths), exitCode, timeout);
  }

  /**
   * Asks what {@code probe} says on loopback {@code port}, in order, for at most {@code timeout}
   * in all.
   *
   * @param exitCode the process's exit code once it has exited (e.g. {@code tree::exitCode})
   * @throws InterruptedException if interrupted while waiting; the caller stops the process
   */
  public HealthResult poll(
      int port, Probe probe, Supplier<Optional<Integer>> exitCode, Duration timeout)
      throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    List<String> paths = new ArrayList<>(probe.paths());
    requirePositive(timeout, "timeout");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<PathResult> answered = new ArrayList<>();
    String lastError = NO_REQUEST;
    while (true) {
      Optional<Integer> exited = exitCode.get();
      String path = paths.get(answered.size());
      if (exited.isPresent()) {
        return new HealthResult.Exited(exited.get(), answered.isEmpty() ? null : path);
      }
      long left = deadline - System.nanoTime();
      if (left < MIN_REQUEST_TIME.toNanos() && !lastError.equals(NO_REQUEST)) {
        // A request cut this short would only replace the real reason with "timed out".
        return new HealthResult.TimedOut(true, lastError);
      }
      Duration wait = Duration.ofNanos(Math.max(MIN_REQUEST_TIME.toNanos(), Math.min(requestTimeout.toNanos(), left)));
      boolean findAsset = probe.everyRoute() && answered.isEmpty() && !probe.assetPrefix().isEmpty();
      Asked asked = ask(port, path, wait, findAsset ? PAGE_BYTES : SNIPPET_BYTES);
      if (asked.answered()) {
        // A route may answer 4xx (what the app chose); a health path must answer 200-399.
        if (probe.everyRoute() ? asked.status() >= 500 : asked.status() < 200 || asked.status() > 399) {
          return new HealthResult.BadStatus(path, asked.status(), snippet(asked.body()));
        }
        if (findAsset) {
          AssetReference.first(asked.body(), probe.assetPrefix()).ifPresent(paths::add);
        }
        answered.add(new PathResult(path, asked.status(), Duration.ofNanos(asked.doneAt() - start)));
        if (answered.size() == paths.size()) {
          return new HealthResult.Healthy(answered);
        }
        if (probe.everyRoute()) {
          return theRestOfTheRoutes(port, probe, paths, answered, start, deadline, exitCode, lastError);
        }
        continue; // the server is up: ask the next path right away
      }
      lastError = asked.error();
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        Optional<Integer> exitedLate = exitCode.get();
        return exitedLate.isPresent()
            ? new HealthResult.Exited(exitedLate.get())
            : new HealthResult.TimedOut(true, lastError);
      }
      long pause = asked.refused() ? Math.min(interval.toMillis(), REFUSED_RETRY.toMillis()) : interval.toMillis();
      Thread.sleep(Math.max(1, Math.min(pause, remaining / 1_000_000)));
    }
  }

  /**
   * The routes after the index, once it answered, asked {@link ParallelRequests#AT_ONCE} at a time
   * (issue #18: install time) and judged in their order, the index's static asset last: the report
   * and the first failure named are those of asking one by one. Each route gets the time left in
   * one request: a slow page is not retried into a time-out, and a refused or dropped connection
   * means the server fell over, not that it is still starting. When a route makes the server exit,
   * a route asked at the same moment and earlier in the order may be the one named; its log says
   * which route crashed it.
   */
  private HealthResult theRestOfTheRoutes(int port, Probe probe, List<String> paths, List<PathResult> answered,
      long start, long deadline, Supplier<Optional<Integer>> exitCode, String lastError) throws InterruptedException {
    List<String> rest = List.copyOf(paths.subList(answered.size(), paths.size()));
    Optional<Integer> exited = exitCode.get();
    if (exited.isPresent()) {
      return new HealthResult.Exited(exited.get(), rest.get(0));
    }
    if (deadline - System.nanoTime() < MIN_REQUEST_TIME.toNanos() && !lastError.equals(NO_REQUEST)) {
      return new HealthResult.TimedOut(true, lastError);
    }
    try (ParallelRequests<Asked> requests = ParallelRequests.start(rest, path -> ask(port, path,
        Duration.ofNanos(Math.max(MIN_REQUEST_TIME.toNanos(), deadline - System.nanoTime())), SNIPPET_BYTES))) {
      for (String path : rest) {
        Asked asked = requests.next();
        if (!asked.answered()) {
          return fellOver(path, asked.error(), exitCode);
        }
        // A route may answer 4xx (what the app chose); the static asset the index names must exist.
        boolean route = answered.size() < probe.paths().size();
        if (route ? asked.status() >= 500 : asked.status() < 200 || asked.status() > 399) {
          return new HealthResult.BadStatus(path, asked.status(), snippet(asked.body()));
        }
        answered.add(new PathResult(path, asked.status(), Duration.ofNanos(asked.doneAt() - start)));
      }
    }
    return new HealthResult.Healthy(answered);
  }

  /**
   * One request's outcome: an answer (its status and the start of its body), or why there was none.
   *
   * @param doneAt {@link System#nanoTime()} when the answer had been read
   */
  private record Asked(int status, String body, String error, boolean refused, long doneAt) {
    boolean answered() {
      return error == null;
    }

    static Asked failed(String error, boolean refused) {
      return new Asked(0, "", error, refused, System.nanoTime());
    }
  }

  /** Asks {@code path} once, waiting at most {@code wait}; reads at most {@code bodyBytes} of the answer. */
  private Asked ask(int port, String path, Duration wait, int bodyBytes) throws InterruptedException {
    try {
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(uriFor(port, path))
                  .timeout(wait)
                  .header("User-Agent", "slipway-smoke")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      String body = text(response.body(), bodyBytes);
      return new Asked(response.statusCode(), body, null, false, System.nanoTime());
    } catch (HttpConnectTimeoutException e) {
      return Asked.failed("GET " + path + ": connection not accepted within " + seconds(wait), false);
    } catch (HttpTimeoutException e) {
      return Asked.failed("GET " + path + ": connected, but no answer within " + seconds(wait), false);
    } catch (ConnectException e) {
      return Asked.failed("GET " + path + ": connection refused (nothing listens on 127.0.0.1:" + port + ")", true);
    } catch (IOException e) {
      return Asked.failed("GET " + path + ": " + e, false);
    }
  }

  /**
   * A route of a release that had answered got no answer. A crash while handling it closes the
   * connection a moment before the process is seen to exit: wait that moment, so the exit (and the
   * exception in the log) is what is reported.
   */
  private HealthResult fellOver(String path, String error, Supplier<Optional<Integer>> exitCode)
      throws InterruptedException {
    if (error.contains("no answer within")) {
      return new HealthResult.TimedOut(true, error); // the time is up: no grace beyond it
    }
    long until = System.nanoTime() + EXIT_GRACE.toNanos();
    do {
      Optional<Integer> exited = exitCode.get();
      if (exited.isPresent()) {
        return new HealthResult.Exited(exited.get(), path);
      }
      Thread.sleep(Math.max(1, interval.toMillis() / 5));
    } while (System.nanoTime() < until);
    return new HealthResult.Dropped(path, error);
  }

  private static URI uriFor(int port, String path) {
    checkPath(path);
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A health path is an absolute path on this server: one leading slash, no spaces. */
  static void checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.startsWith("//") || path.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(
          "a health path starts with one / and has no spaces: \"" + path + "\"");
    }
    try {
      URI.create("http://127.0.0.1" + path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid health path: \"" + path + "\"", e);
    }
  }

  /** The start of a body, at most {@code max} bytes of it. */
  private static String text(InputStream body, int max) {
    try (body) {
      return new String(body.readNBytes(max), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // the status is the finding; the body is a courtesy
    }
  }

  /** The start of a body as one printable line. */
  private static String snippet(String text) {
    String start = text.length() <= SNIPPET_BYTES ? text : text.substring(0, SNIPPET_BYTES);
    String line = start.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.length() <= SNIPPET_CHARS ? line : line.substring(0, SNIPPET_CHARS) + "…";
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
