package dev.slipway.templates;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated server.js with the real node against a fake {@code next} module, on a Unix
 * domain socket given in PORT: the Linux twin of the named pipe iisnode passes on Windows.
 */
class ServerJsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final boolean WINDOWS =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

  /**
   * A fake next: answers with the options next() was given; /throw and /reject fail the way a
   * broken page can (synchronously, or with a rejected promise).
   */
  private static final String FAKE_NEXT =
      "module.exports = function next(opts) {\n"
          + "  return {\n"
          + "    prepare: async () => {},\n"
          + "    getRequestHandler: () => (req, res) => {\n"
          + "      if (req.url === '/throw') throw new Error('handler threw');\n"
          + "      if (req.url === '/reject') return Promise.reject(new Error('handler rejected'));\n"
          + "      res.end('fake next dev=' + opts.dev + ' dir=' + opts.dir);\n"
          + "    },\n"
          + "  };\n"
          + "};\n";

  private static final String FAKE_NEXT_PREPARE_REJECTS =
      "module.exports = function next(opts) {\n"
          + "  return {\n"
          + "    prepare: async () => {\n"
          + "      setInterval(() => {}, 1000); // like the real next, leave a live handle behind\n"
          + "      throw new Error('boom: NEXTAUTH_SECRET is not set');\n"
          + "    },\n"
          + "    getRequestHandler: () => (req, res) => res.end('unreachable'),\n"
          + "  };\n"
          + "};\n";

  @TempDir Path tmp;

  @Test
  void isTheSameLfTextEveryTime() {
    String first = Templates.serverJs();
    assertThat(first.getBytes(UTF_8)).isEqualTo(Templates.serverJs().getBytes(UTF_8));
    assertThat(first).doesNotContain("\r").doesNotStartWith("\uFEFF").endsWith("\n");
  }

  @Test
  void servesNextInProductionModeFromItsFolderOnTheSocketPathGivenAsPort() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    Path socket = socketPath(app);
    NodeRun run = NodeRun.start(app, Map.of("PORT", socket.toString()), "server.js");
    try {
      Response response = httpGet(run, socket, "/");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("fake next dev=false dir=" + app.toRealPath());
      assertThat(run.stdout()).contains("> Ready on " + socket);
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void listensWhenRequiredFromAnotherFolder_asIisnodesInterceptorDoes() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    // iisnode runs its own interceptor.js as the main module, which require()s the entry file,
    // with a working directory that is not the app's.
    Path host = Files.createDirectories(tmp.resolve("iisnode-host"));
    Files.writeString(host.resolve("interceptor.js"), "require(process.argv[2]);\n");
    Path socket = socketPath(app);
    NodeRun run =
        NodeRun.start(host, Map.of("PORT", socket.toString()), "interceptor.js", app.resolve("server.js").toString());
    try {
      Response response = httpGet(run, socket, "/");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("fake next dev=false dir=" + app.toRealPath());
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void exitsNonZeroWithTheErrorOnStderrWhenPrepareFails() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT_PREPARE_REJECTS);
    // --unhandled-rejections=warn (old node's default, and a NODE_OPTIONS some hosts set): the
    // exit must come from server.js's own catch, not from node crashing on the rejection.
    NodeRun run =
        NodeRun.start(
            app, Map.of("PORT", socketPath(app).toString()), "--unhandled-rejections=warn", "server.js");
    try {
      assertThat(run.process.waitFor(DEADLINE.toSeconds(), SECONDS))
          .as("node must exit, not hang, when prepare() rejects")
          .isTrue();
      assertThat(run.process.exitValue()).isEqualTo(1);
      assertThat(run.stderr()).contains("Error: boom: NEXTAUTH_SECRET is not set");
      assertThat(run.stdout()).doesNotContain("Ready");
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void closesTheServerAndExitsZeroOnSigterm() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    Path socket = socketPath(app);
    NodeRun run = NodeRun.start(app, Map.of("PORT", socket.toString()), "server.js");
    try {
      assertThat(httpGet(run, socket, "/").status()).isEqualTo(200);
      run.process.destroy(); // SIGTERM on Linux and macOS
      assertThat(run.process.waitFor(DEADLINE.toSeconds(), SECONDS)).isTrue();
      assertThat(run.process.exitValue()).isZero();
      assertThat(run.stdout()).contains("> SIGTERM: closing the server");
      // node removes the socket file when the server is closed, not when the process just dies
      assertThat(socket).doesNotExist();
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void aRequestThatThrowsAnswers500AndTheServerKeepsServing() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    Path socket = socketPath(app);
    NodeRun run = NodeRun.start(app, Map.of("PORT", socket.toString()), "server.js");
    try {
      assertThat(httpGet(run, socket, "/throw").status()).isEqualTo(500);
      assertThat(httpGet(run, socket, "/reject").status()).isEqualTo(500);
      assertThat(httpGet(run, socket, "/").status()).isEqualTo(200);
      assertThat(run.process.isAlive()).isTrue();
      assertThat(run.stderr()).contains("handler threw").contains("handler rejected");
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void aNumericPortListensOnTcp() throws Exception {
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    NodeRun run = NodeRun.start(app, Map.of("PORT", "0"), "server.js"); // 0: any free port
    try {
      int port = run.awaitTcpPort();
      Response response = httpGetTcp(port, "/");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("dev=false");
    } finally {
      run.destroyAndAssertGone();
    }
  }

  @Test
  void hostnameIsHonouredForANumericPortAndCannotBreakASocket() throws Exception {
    // 192.0.2.1 (TEST-NET-1) is on no interface here: binding to it fails at once, without DNS.
    Path app = writeApp(tmp.resolve("app"), FAKE_NEXT);
    NodeRun tcp = NodeRun.start(app, Map.of("PORT", "0", "HOSTNAME", "192.0.2.1"), "server.js");
    try {
      assertThat(tcp.process.waitFor(DEADLINE.toSeconds(), SECONDS)).isTrue();
      assertThat(tcp.process.exitValue()).isEqualTo(1);
      assertThat(tcp.stderr()).contains("EADDRNOTAVAIL").contains("192.0.2.1");
    } finally {
      tcp.destroyAndAssertGone();
    }

    Path socket = socketPath(app);
    NodeRun pipe = NodeRun.start(app, Map.of("PORT", socket.toString(), "HOSTNAME", "192.0.2.1"), "server.js");
    try {
      assertThat(httpGet(pipe, socket, "/").status()).isEqualTo(200);
    } finally {
      pipe.destroyAndAssertGone();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The rendered server.js plus a fake node_modules/next in {@code dir}. */
  static Path writeApp(Path dir, String fakeNext) throws IOException {
    Files.createDirectories(dir.resolve("node_modules/next"));
    Files.writeString(dir.resolve("server.js"), Templates.serverJs(), UTF_8);
    Files.writeString(dir.resolve("node_modules/next/index.js"), fakeNext, UTF_8);
    return dir;
  }

  static Path socketPath(Path dir) {
    assumeFalse(WINDOWS, "PORT as a Unix socket path is the Linux/macOS twin of iisnode's pipe");
    Path socket = dir.resolve("n.sock");
    assertThat(socket.toString().getBytes(UTF_8).length).as("Unix socket path length").isLessThan(104);
    return socket;
  }

  record Response(int status, String body) {
    static Response parse(byte[] raw) {
      String text = new String(raw, UTF_8);
      Matcher m = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) [^\\r\\n]*\\r\\n").matcher(text);
      assertThat(m.find()).as("an HTTP response, got: %s", text).isTrue();
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("end of headers in: %s", text).isPositive();
      return new Response(Integer.parseInt(m.group(1)), text.substring(split + 4));
    }
  }

  private static final byte[] GET = "GET %s HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(US_ASCII);

  private static byte[] request(String path) {
    return String.format(new String(GET, US_ASCII), path).getBytes(US_ASCII);
  }

  /** Connects to the socket once node listens on it (polling, with a deadline), and sends GET. */
  static Response httpGet(NodeRun run, Path socket, String path) throws Exception {
    return Response.parse(httpGetRaw(run, socket, path).getBytes(UTF_8));
  }

  /** {@link #httpGet}'s whole answer, status line and headers included. */
  static String httpGetRaw(NodeRun run, Path socket, String path) throws Exception {
    try (SocketChannel channel = run.awaitSocket(socket)) {
      ByteBuffer out = ByteBuffer.wrap(request(path));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      CompletableFuture<byte[]> read =
          CompletableFuture.supplyAsync(
              () -> {
                try (InputStream in = Channels.newInputStream(channel)) {
                  return in.readAllBytes(); // HTTP/1.0: the server closes after the response
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try {
        return new String(read.get(DEADLINE.toSeconds(), SECONDS), UTF_8);
      } catch (TimeoutException e) {
        throw new AssertionError("no complete response within " + DEADLINE + "; stderr: " + run.stderr());
      }
    }
  }

  private static Response httpGetTcp(int port, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) DEADLINE.toMillis());
      socket.setSoTimeout((int) DEADLINE.toMillis());
      socket.getOutputStream().write(request(path));
      socket.getOutputStream().flush();
      return Response.parse(socket.getInputStream().readAllBytes());
    }
  }

  /** A node child process with stdout and stderr captured in files. */
  static final class NodeRun {
    final Process process;
    private final Path out;
    private final Path err;

    private NodeRun(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static NodeRun start(Path workingDir, Map<String, String> env, String... args) throws IOException {
      Path node = findNodeOrSkip();
      Path logs = Files.createTempDirectory(workingDir.getParent(), "logs");
      List<String> command = new ArrayList<>();
      command.add(node.toString());
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
      for (String inherited : List.of("PORT", "HOSTNAME", "NODE_ENV", "NODE_OPTIONS", "NODE_PATH")) {
        pb.environment().remove(inherited);
      }
      pb.environment().putAll(env);
      pb.redirectOutput(logs.resolve("stdout").toFile());
      pb.redirectError(logs.resolve("stderr").toFile());
      return new NodeRun(pb.start(), logs.resolve("stdout"), logs.resolve("stderr"));
    }

    String stdout() throws IOException {
      return Files.readString(out, UTF_8);
    }

    String stderr() throws IOException {
      return Files.readString(err, UTF_8);
    }

    /** Polls until node accepts a connection on {@code socket}; fails if node exits or time runs out. */
    SocketChannel awaitSocket(Path socket) throws Exception {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        if (Files.exists(socket)) {
          try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
          } catch (IOException boundButNotYetListening) {
            // bind() creates the file just before listen(): try again
          }
        }
        checkStillStarting(deadline, "listen on " + socket);
        Thread.sleep(20);
      }
    }

    /** Polls stdout for the ready line and returns the TCP port it names. */
    int awaitTcpPort() throws Exception {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      Pattern ready = Pattern.compile("> Ready on http://[^:\\s]+:(\\d+)");
      while (true) {
        Matcher m = ready.matcher(stdout());
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        checkStillStarting(deadline, "print its ready line");
        Thread.sleep(20);
      }
    }

    private void checkStillStarting(long deadline, String what) throws IOException {
      if (!process.isAlive()) {
        fail("node exited with " + process.exitValue() + " before it could " + what + "; stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        fail("node did not " + what + " within " + DEADLINE + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
      }
    }

    void destroyAndAssertGone() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      assertThat(process.waitFor(DEADLINE.toSeconds(), SECONDS)).as("node ended").isTrue();
      assertThat(process.isAlive()).isFalse();
    }
  }

  private static Path findNodeOrSkip() {
    String path = System.getenv("PATH");
    Path found = null;
    if (path != null) {
      for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
        if (dir.isEmpty()) {
          continue;
        }
        for (String name : WINDOWS ? List.of("node.exe", "node") : List.of("node")) {
          Path candidate = Path.of(dir, name);
          if (found == null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            found = candidate;
          }
        }
      }
    }
    assumeTrue(found != null, "node is not on PATH");
    return found;
  }
}
