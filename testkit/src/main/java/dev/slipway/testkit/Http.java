package dev.slipway.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal HTTP clients for tests: over TCP, and over a Unix domain socket. */
public final class Http {
  private static final Duration POLL = Duration.ofMillis(200);

  private Http() {}

  /**
   * GET {@code url} over HTTP/1.1 without following redirects (a test must see a 3xx as such).
   * A new client per call, so no pooled keep-alive connection outlives a server that a test has
   * stopped and restarted on the same port.
   *
   * @throws UncheckedIOException if no response arrives (connection refused, timeout, ...)
   */
  public static HttpResult get(String url, Duration timeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new HttpResult(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + url, e);
    }
  }

  /**
   * GET {@code path} from an HTTP server listening on the Unix domain socket {@code socket}.
   * Speaks HTTP/1.0 with {@code Connection: close}, so the server closes the connection after
   * the response and the end of the stream marks the end of the body (no keep-alive or chunked
   * framing to handle; a chunked body is still decoded in case a server sends one).
   *
   * @throws UncheckedIOException if the socket refuses, the deadline passes or the reply is not
   *     HTTP
   */
  public static HttpResult getOverUnixSocket(Path socket, String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Selector selector = Selector.open()) {
      String request =
          "GET " + path + " HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        channel.write(out); // blocking; a few dozen bytes always fit the socket buffer
      }
      // Reads are non-blocking with a selector: a blocking SocketChannel read has no timeout.
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new HttpTimeoutException(
              "no complete response within " + timeout + "; got so far: "
                  + response.toString(StandardCharsets.UTF_8));
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
          break;
        }
        response.write(buffer.array(), 0, n);
      }
      return parse(response.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " over " + socket + ": " + e, e);
    }
  }

  /** A TCP port on the loopback interface that was free a moment ago (racy by nature). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Polls {@code url} until it answers with {@code status}, and returns that response; fails
   * after {@code timeout} with the last response and the last error seen (both: a slow last
   * attempt that times out must not hide the 503 that came before it). For servers that are
   * starting: connection refused and other errors count as "not yet".
   */
  public static HttpResult awaitStatus(String url, int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResult lastResult = null;
    UncheckedIOException lastError = null;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        AssertionError failure =
            new AssertionError(
                "GET " + url + " did not answer " + status + " within " + timeout
                    + "; last response: " + (lastResult == null ? "none" : lastResult)
                    + "; last error: " + (lastError == null ? "none" : lastError.getMessage()));
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      try {
        // Each attempt may use what is left, but no more than 5 s, so one hung connection
        // cannot eat the whole budget.
        HttpResult result = get(url, Duration.ofNanos(Math.min(left, 5_000_000_000L)));
        if (result.status() == status) {
          return result;
        }
        lastResult = result;
      } catch (UncheckedIOException e) {
        lastError = e;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while polling " + url, e);
      }
    }
  }

  /** Parses a raw HTTP/1.x response: status line, headers, body. */
  static HttpResult parse(byte[] raw) throws IOException {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (headerEnd < 0) {
      throw new IOException(
          "no end of headers in response: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP status line: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line: " + lines[0], e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: " + lines[i]);
      }
      headers
          .computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
    boolean chunked =
        headers.entrySet().stream()
            .anyMatch(
                h ->
                    h.getKey().equalsIgnoreCase("Transfer-Encoding")
                        && h.getValue().stream().anyMatch(v -> v.equalsIgnoreCase("chunked")));
    if (chunked) {
      body = dechunk(body);
    }
    return new HttpResult(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (true) {
      int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), pos);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeField = new String(chunked, pos, lineEnd - pos, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeField.split(";", 2)[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      int start = lineEnd + 2;
      if (start + size > chunked.length) {
        throw new IOException("truncated chunked body");
      }
      out.write(chunked, start, size);
      pos = start + size + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
