package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlCheckTest {
  @TempDir Path tmp;
  HttpServer server;
  String base;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> { exchange.sendResponseHeaders(200, -1); exchange.close(); });
    server.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", "/elsewhere");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/broken", exchange -> { exchange.sendResponseHeaders(500, -1); exchange.close(); });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CheckResult check(String... urls) throws Exception {
    List<URI> uris = java.util.Arrays.stream(urls).map(URI::create).toList();
    return new UrlCheck(uris, Duration.ofSeconds(5)).run(FakeRelease.create(tmp).open());
  }

  @Test
  void urlsAnswering200Or3xxAreOk() throws Exception {
    CheckResult result = check(base + "/ok", base + "/moved");

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).contains(base + "/ok answered 200").contains(base + "/moved answered 302");
  }

  @Test
  void urlAnswering500Fails() throws Exception {
    CheckResult result = check(base + "/ok", base + "/broken");

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith(base + "/broken answered 500");
  }

  @Test
  void urlNobodyListensOnFails() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    CheckResult result = check("http://127.0.0.1:" + closed + "/");

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("http://127.0.0.1:" + closed + "/: connection refused");
  }
}
