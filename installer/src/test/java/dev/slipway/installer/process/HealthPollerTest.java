package dev.slipway.installer.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthPollerTest {

  private static final Supplier<Optional<Integer>> RUNNING = Optional::empty;
  private static final Duration LONG = Duration.ofSeconds(30);

  private final HealthPoller poller =
      new HealthPoller(Duration.ofMillis(500), Duration.ofMillis(50));
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @AfterEach
  void stopServer() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  private int serve(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    // Contexts match by prefix: "/" answers whatever no other context takes.
    server.createContext(
        "/", ex -> answer(ex, ex.getRequestURI().getPath().equals("/") ? 200 : 404, "home"));
    server.createContext("/health", ex -> answer(ex, 204, null));
    server.createContext(
        "/login",
        ex -> {
          ex.getResponseHeaders().add("Location", "/broken");
          answer(ex, 302, null);
        });
    server.createContext(
        "/broken",
        ex ->
            answer(
                ex,
                500,
                "<html><body>\n  Internal Server Error: DATABASE_URL is not set\n</body></html>"));
    server.createContext(
        "/hangs",
        ex -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(ex, 200, "late");
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void allPathsAnsweringTwoHundredsOrRedirectsIsHealthyAndRedirectsAreNotFollowed()
      throws Exception {
    int port = serve(0);

    HealthResult result = poller.poll(port, List.of("/", "/health", "/login"), RUNNING, LONG);

    assertThat(result)
        .isInstanceOfSatisfying(
            HealthResult.Healthy.class,
            healthy ->
                assertThat(healthy.paths())
                    .extracting(PathResult::path, PathResult::status)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/", 200),
                        org.assertj.core.groups.Tuple.tuple("/health", 204),
                        org.assertj.core.groups.Tuple.tuple("/login", 302)));
  }

  @Test
  void serverErrorFailsAtOnceWithTheStartOfTheBody() throws Exception {
    int port = serve(0);
    long start = System.nanoTime();

    HealthResult result = poller.poll(port, List.of("/", "/broken"), RUNNING, LONG);

    assertThat(result)
        .isEqualTo(
            new HealthResult.BadStatus(
                "/broken",
                500,
                "<html><body> Internal Server Error: DATABASE_URL is not set </body></html>"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void notFoundFailsAtOnceInsteadOfPollingOn() throws Exception {
    int port = serve(0);
    long start = System.nanoTime();

    HealthResult result = poller.poll(port, List.of("/api/helth"), RUNNING, LONG);

    assertThat(result)
        .isInstanceOfSatisfying(
            HealthResult.BadStatus.class,
            bad -> {
              assertThat(bad.path()).isEqualTo("/api/helth");
              assertThat(bad.status()).isEqualTo(404);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void refusedConnectionsArePolledUntilTheServerListens() throws Exception {
    int port = freePort();
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try {
      later.schedule(
          () -> {
            try {
              serve(port);
            } catch (IOException e) {
              failure.set(e);
            }
          },
          700,
          TimeUnit.MILLISECONDS);

      HealthResult result = poller.poll(port, List.of("/health"), RUNNING, LONG);

      assertThat(failure.get()).isNull();
      assertThat(result)
          .isInstanceOfSatisfying(
              HealthResult.Healthy.class,
              healthy ->
                  assertThat(healthy.paths().get(0).after())
                      .isGreaterThanOrEqualTo(Duration.ofMillis(600)));
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void aRefusedConnectionIsAskedAgainSoonerThanTheIntervalSoAServerThatJustListenedIsSeen()
      throws Exception {
    // An interval longer than the whole deadline: before issue #18's short retry after a refused
    // connection, the second request would only have come after the deadline.
    HealthPoller slowInterval = new HealthPoller(Duration.ofSeconds(5), Duration.ofMinutes(10));
    int port = freePort();
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try (ServerSocket listening = new ServerSocket()) {
      // A bare socket that answers as soon as it listens: com.sun.net.httpserver listens when
      // created, but serves only once started, a gap a loaded machine can stretch.
      later.schedule(() -> answerNoContent(listening, port), 300, TimeUnit.MILLISECONDS);

      HealthResult result = slowInterval.poll(port, List.of("/health"), RUNNING, LONG);

      assertThat(result).isInstanceOf(HealthResult.Healthy.class);
    } finally {
      later.shutdownNow();
    }
  }

  private static Void answerNoContent(ServerSocket socket, int port) throws IOException {
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    while (!socket.isClosed()) {
      try (java.net.Socket client = socket.accept()) {
        client.getInputStream().read(new byte[8192]);
        client.getOutputStream().write(
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    return null;
  }

  @Test
  void nothingListeningTimesOutAtTheDeadlineSayingTheConnectionWasRefused() throws Exception {
    int port = freePort();
    long start = System.nanoTime();

    HealthResult result = poller.poll(port, List.of("/"), RUNNING, Duration.ofSeconds(1));

    // It kept polling (within the last 100 ms no new request is started).
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(850));
    assertThat(result)
        .isInstanceOfSatisfying(
            HealthResult.TimedOut.class,
            t -> {
              assertThat(t.processAlive()).isTrue();
              assertThat(t.lastError())
                  .isEqualTo(
                      "GET /: connection refused (nothing listens on 127.0.0.1:" + port + ")");
            });
  }

  @Test
  void serverThatAcceptsButNeverAnswersTimesOutSayingSo() throws Exception {
    int port = serve(0);

    HealthResult result = poller.poll(port, List.of("/hangs"), RUNNING, Duration.ofMillis(1500));

    assertThat(result)
        .isInstanceOfSatisfying(
            HealthResult.TimedOut.class,
            t ->
                assertThat(t.lastError())
                    .startsWith("GET /hangs: connected, but no answer within"));
  }

  @Test
  void exitedProcessEndsPollingAtOnceWithItsExitCode() throws Exception {
    int port = freePort();
    long start = System.nanoTime();

    HealthResult result = poller.poll(port, List.of("/"), () -> Optional.of(3), LONG);

    assertThat(result).isEqualTo(new HealthResult.Exited(3));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void interruptEndsPolling() throws Exception {
    int port = freePort();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> poller.poll(port, List.of("/"), RUNNING, LONG))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void healthPathMustBeAnAbsolutePathWithoutSpaces() {
    for (String bad : List.of("health", "//evil.example/", "/a b", "http://127.0.0.1/")) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> poller.poll(3000, List.of(bad), RUNNING, LONG));
    }
  }
}
