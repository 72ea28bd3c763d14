package dev.slipway.installer.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HealthPoller} asking every route of a build (issue #16, item 8) of a local HTTP server. */
class RouteProbeTest {
  private static final Supplier<Optional<Integer>> RUNNING = Optional::empty;
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final String INDEX = "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"/favicon.ico\"/>"
      + "<script src=\"https://cdn.example/_next/static/other.js\"></script>"
      + "<script src=\"/_next/static/chunks/app-1a2b.js\" async=\"\"></script></head><body>home</body></html>";

  private final HealthPoller poller = new HealthPoller(Duration.ofMillis(500), Duration.ofMillis(50));
  private final AtomicBoolean crashed = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private HttpServer server;
  private int port;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", ex -> answer(ex, ex.getRequestURI().getPath().equals("/") ? 200 : 404, INDEX));
    server.createContext("/_next/static/chunks/app-1a2b.js", ex -> answer(ex, 200, "js"));
    server.createContext("/login", ex -> {
      ex.getResponseHeaders().add("Location", "https://example.com/sign-in");
      answer(ex, 307, null);
    });
    server.createContext("/blog", ex -> answer(ex, 500, "Internal Server Error"));
    server.createContext("/dropped", HttpExchange::close);
    server.createContext("/crash", ex -> {
      crashed.set(true);
      ex.close();
    });
    server.createContext("/slow", ex -> {
      pause(1200);
      answer(ex, 200, "slow but fine");
    });
    server.createContext("/pause/", ex -> {
      mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      pause(400);
      inFlight.decrementAndGet();
      answer(ex, 200, "paused");
    });
    server.createContext("/late-error", ex -> {
      pause(300);
      answer(ex, 500, "late error");
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private HealthResult ask(String... routes) throws InterruptedException {
    return poller.poll(port, Probe.everyRoute(List.of(routes), "/"), RUNNING, LONG);
  }

  @Test
  void redirectsAndClientErrorsPassAndTheIndexsStaticAssetIsAskedLast() throws Exception {
    HealthResult result = ask("/", "/login", "/no-such-page");

    assertThat(result).isInstanceOfSatisfying(HealthResult.Healthy.class, healthy ->
        assertThat(healthy.paths()).extracting(PathResult::path, PathResult::status).containsExactly(
            Tuple.tuple("/", 200), Tuple.tuple("/login", 307), Tuple.tuple("/no-such-page", 404),
            Tuple.tuple("/_next/static/chunks/app-1a2b.js", 200)));
  }

  @Test
  void aRouteAnsweringAServerErrorFailsNamingIt() throws Exception {
    HealthResult result = ask("/", "/blog", "/login");

    assertThat(result).isEqualTo(new HealthResult.BadStatus("/blog", 500, "Internal Server Error"));
  }

  @Test
  void aStaticAssetTheIndexNamesMustExist() throws Exception {
    server.removeContext("/_next/static/chunks/app-1a2b.js");

    HealthResult result = ask("/");

    assertThat(result).isInstanceOfSatisfying(HealthResult.BadStatus.class, bad -> {
      assertThat(bad.path()).isEqualTo("/_next/static/chunks/app-1a2b.js");
      assertThat(bad.status()).isEqualTo(404);
    });
  }

  @Test
  void aDroppedConnectionAfterTheAppAnsweredFailsAtOnceNamingTheRoute() throws Exception {
    long start = System.nanoTime();

    HealthResult result = ask("/", "/dropped");

    assertThat(result).isInstanceOfSatisfying(HealthResult.Dropped.class, dropped -> {
      assertThat(dropped.path()).isEqualTo("/dropped");
      assertThat(dropped.error()).startsWith("GET /dropped: ");
    });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aProcessThatExitsWhileAnsweringARouteIsReportedAsExitedDuringIt() throws Exception {
    HealthResult result = poller.poll(port, Probe.everyRoute(List.of("/", "/crash"), "/"),
        () -> crashed.get() ? Optional.of(1) : Optional.empty(), LONG);

    assertThat(result).isEqualTo(new HealthResult.Exited(1, "/crash"));
  }

  @Test
  void aSlowRouteGetsTheTimeLeftInsteadOfTheRequestTimeout() throws Exception {
    HealthResult result = ask("/", "/slow");

    assertThat(result).isInstanceOf(HealthResult.Healthy.class);
  }

  /** Issue #18 (install time): after the index, the routes are asked four at a time, and reported in their order. */
  @Test
  void theRoutesAfterTheIndexAreAskedAtMostFourAtATimeAndReportedInTheirOrder() throws Exception {
    long start = System.nanoTime();

    HealthResult result = ask("/", "/pause/1", "/pause/2", "/pause/3", "/pause/4", "/pause/5", "/pause/6", "/pause/7", "/pause/8");

    assertThat(result).isInstanceOfSatisfying(HealthResult.Healthy.class, healthy ->
        assertThat(healthy.paths()).extracting(PathResult::path).containsExactly("/", "/pause/1", "/pause/2", "/pause/3",
            "/pause/4", "/pause/5", "/pause/6", "/pause/7", "/pause/8", "/_next/static/chunks/app-1a2b.js"));
    assertThat(mostAtOnce.get()).as("requests at once").isBetween(2, ParallelRequests.AT_ONCE);
    // One by one, 8 pauses of 400 ms take 3.2 s; four at a time, two rounds.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
  }

  @Test
  void theFirstFailureInTheRoutesOrderIsNamedWhicheverAnswersFirst() throws Exception {
    HealthResult result = ask("/", "/late-error", "/blog");

    // /blog's 500 comes back first; /late-error is earlier in the order, so it is the one named.
    assertThat(result).isEqualTo(new HealthResult.BadStatus("/late-error", 500, "late error"));
  }

  @Test
  void theAssetIsLookedForInSrcAndHrefAttributesOnly() {
    assertThat(AssetReference.first(INDEX, "/_next/static/")).contains("/_next/static/chunks/app-1a2b.js");
    assertThat(AssetReference.first("<link href='/docs/_next/static/css/a.css'>", "/docs/_next/static/"))
        .contains("/docs/_next/static/css/a.css");
    assertThat(AssetReference.first("<p>/_next/static/x.js</p><a href=\"/_next/static/\">", "/_next/static/")).isEmpty();
  }
}
