package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTest {
  @TempDir Path tmp;

  private HttpServer tcpServer;

  @AfterEach
  void stopServer() {
    if (tcpServer != null) {
      tcpServer.stop(0);
    }
  }

  // ---- over a Unix domain socket -------------------------------------------------------------

  @Test
  void getOverUnixSocketSendsAnHttp10RequestAndParsesStatusHeadersAndBody() throws Exception {
    Path socket = tmp.resolve("app.sock");
    CompletableFuture<String> request =
        serveOnceOverUnixSocket(
            socket,
            "HTTP/1.0 201 Created\r\nX-Thing: a\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Set-Cookie: one=1\r\nSet-Cookie: two=2\r\n\r\nhello \u00fc\r\nsecond line");

    HttpResult result = Http.getOverUnixSocket(socket, "/api/health?x=1", Duration.ofSeconds(5));

    assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("GET /api/health?x=1 HTTP/1.0\r\n");
    assertThat(result.status()).isEqualTo(201);
    assertThat(result.header("x-thing")).contains("a");
    assertThat(result.headers().get("SET-COOKIE")).containsExactly("one=1", "two=2");
    assertThat(result.body()).isEqualTo("hello \u00fc\r\nsecond line");
  }

  @Test
  void getOverUnixSocketDecodesAChunkedBody() throws Exception {
    Path socket = tmp.resolve("chunked.sock");
    serveOnceOverUnixSocket(
        socket,
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n");

    HttpResult result = Http.getOverUnixSocket(socket, "/", Duration.ofSeconds(5));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("hello world");
  }

  @Test
  void getOverUnixSocketGivesUpAtTheDeadlineWhenTheServerNeverAnswers() throws Exception {
    Path socket = tmp.resolve("silent.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      // Accepted by the kernel's backlog, never read or answered.
      long start = System.nanoTime();

      assertThatThrownBy(() -> Http.getOverUnixSocket(socket, "/", Duration.ofMillis(300)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("no complete response");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void getOverUnixSocketFailsWhenNothingListens() {
    assertThatThrownBy(
            () -> Http.getOverUnixSocket(tmp.resolve("nobody.sock"), "/", Duration.ofSeconds(1)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nobody.sock");
  }

  @Test
  void getOverUnixSocketRejectsAReplyThatIsNotHttp() throws Exception {
    Path socket = tmp.resolve("garbage.sock");
    serveOnceOverUnixSocket(socket, "SSH-2.0-OpenSSH\r\n\r\n");

    assertThatThrownBy(() -> Http.getOverUnixSocket(socket, "/", Duration.ofSeconds(5)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not an HTTP status line");
  }

  /** Accepts one connection, records the request head, sends {@code response}, closes. */
  private static CompletableFuture<String> serveOnceOverUnixSocket(Path socket, String response)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return CompletableFuture.supplyAsync(
        () -> {
          try (server;
              SocketChannel client = server.accept()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
              buffer.clear();
              if (client.read(buffer) < 0) {
                break;
              }
              head.write(buffer.array(), 0, buffer.position());
            }
            client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
            return head.toString(StandardCharsets.ISO_8859_1);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  // ---- over TCP ------------------------------------------------------------------------------

  @Test
  void getReturnsStatusHeadersAndBody() throws Exception {
    String base = startTcpServer();
    tcpServer.createContext(
        "/hello",
        exchange -> {
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });

    HttpResult result = Http.get(base + "/hello", Duration.ofSeconds(5));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("content-type")).contains("application/json");
    assertThat(result.body()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void getDoesNotFollowRedirects() throws Exception {
    String base = startTcpServer();
    tcpServer.createContext(
        "/old",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/new");
          exchange.sendResponseHeaders(308, -1);
          exchange.close();
        });

    HttpResult result = Http.get(base + "/old", Duration.ofSeconds(5));

    assertThat(result.status()).isEqualTo(308);
    assertThat(result.header("Location")).contains("/new");
  }

  @Test
  void getFailsWithTheUrlWhenTheConnectionIsRefused() {
    String url = "http://127.0.0.1:" + Http.freePort() + "/";

    assertThatThrownBy(() -> Http.get(url, Duration.ofSeconds(2)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(url);
  }

  @Test
  void freePortReturnsAPortThatCanBeBound() throws Exception {
    int port = Http.freePort();

    assertThat(port).isBetween(1, 65535);
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void awaitStatusPollsUntilTheWantedStatusIsSeen() throws Exception {
    String base = startTcpServer();
    AtomicInteger calls = new AtomicInteger();
    tcpServer.createContext(
        "/ready",
        exchange -> {
          int status = calls.incrementAndGet() <= 3 ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });

    HttpResult result = Http.awaitStatus(base + "/ready", 200, Duration.ofSeconds(10));

    assertThat(result.status()).isEqualTo(200);
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void awaitStatusWaitsThroughConnectionRefusedForAServerThatIsStillStarting() throws Exception {
    int port = Http.freePort();
    CompletableFuture<Void> starting =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(700); // the server under test "boots" for a while
                tcpServer =
                    HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
                tcpServer.createContext(
                    "/",
                    exchange -> {
                      exchange.sendResponseHeaders(204, -1);
                      exchange.close();
                    });
                tcpServer.start();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    HttpResult result =
        Http.awaitStatus("http://127.0.0.1:" + port + "/", 204, Duration.ofSeconds(10));

    assertThat(result.status()).isEqualTo(204);
    starting.get(5, TimeUnit.SECONDS);
  }

  @Test
  void awaitStatusFailsWithTheLastResponseSeen() throws Exception {
    String base = startTcpServer();
    tcpServer.createContext(
        "/broken",
        exchange -> {
          byte[] body = "still warming up".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });

    assertThatThrownBy(() -> Http.awaitStatus(base + "/broken", 200, Duration.ofSeconds(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not answer 200")
        .hasMessageContaining("last response: HTTP 503")
        .hasMessageContaining("still warming up");
  }

  @Test
  void awaitStatusFailsWithTheLastErrorWhenNothingEverAnswers() {
    String url = "http://127.0.0.1:" + Http.freePort() + "/";

    assertThatThrownBy(() -> Http.awaitStatus(url, 200, Duration.ofMillis(800)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not answer 200")
        .hasMessageContaining("last response: none")
        .hasCauseInstanceOf(UncheckedIOException.class);
  }

  private String startTcpServer() throws IOException {
    tcpServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tcpServer.start();
    return "http://127.0.0.1:" + tcpServer.getAddress().getPort();
  }
}
