package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx for a test (issue #21): its own prefix, configuration, pid file and logs under the
 * test's folder, listening on a free loopback port, started in the foreground as a child of the
 * test and stopped by {@link #close} whatever happened. Never the system's nginx service.
 */
final class Nginx implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process master;

  private Nginx(Path dir, int port, Process master) {
    this.dir = dir;
    this.port = port;
    this.master = master;
  }

  static Path executable() {
    for (Path candidate : List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"), Path.of("/usr/local/sbin/nginx"))) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("nginx is not installed (.ci/run installs Debian's nginx-light)");
  }

  /** A free port for the server block {@code site} will be generated with; pass it to {@link #start}. */
  static int freePort() {
    return Http.freePort();
  }

  /**
   * Starts nginx with {@code site} (a server block, as {@code installer nginx-conf} prints it)
   * included in its http block, and waits until it accepts connections on {@code port}.
   */
  static Nginx start(Path dir, int port, String site) throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("site.conf"), site);
    // As root the workers would be nobody, who cannot read the test's 0700 folders.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    Files.writeString(dir.resolve("nginx.conf"), user
        + "worker_processes 2;\n"
        + "pid " + dir.resolve("nginx.pid") + ";\n"
        + "error_log " + dir.resolve("logs/error.log") + " warn;\n"
        + "events { worker_connections 512; }\n"
        + "http {\n"
        + "  access_log " + dir.resolve("logs/access.log") + ";\n"
        + "  client_body_temp_path " + dir.resolve("tmp-body") + ";\n"
        + "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";\n"
        + "  include " + dir.resolve("site.conf") + ";\n"
        + "}\n");
    Process master = new ProcessBuilder(executable().toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("logs/master.out").toFile()).start();
    Nginx nginx = new Nginx(dir, port, master);
    try {
      nginx.awaitListening(Duration.ofSeconds(20));
    } catch (RuntimeException | Error e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** What the installer runs to reload this nginx: test the configuration, then signal the master. */
  String reloadCommand() {
    String base = executable() + " -p " + dir + " -c " + dir.resolve("nginx.conf");
    return base + " -t -q && " + base + " -s reload";
  }

  String errorLog() throws IOException {
    return Files.readString(dir.resolve("logs/error.log"));
  }

  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (!master.isAlive() || System.nanoTime() - deadline > 0) {
          throw new AssertionError("nginx did not listen on " + port + ": " + read(dir.resolve("logs/master.out"))
              + read(dir.resolve("logs/error.log")));
        }
        Cli.sleep(50);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** SIGTERM (fast shutdown), then SIGKILL to the master and its workers if it lingers. */
  @Override
  public void close() {
    List<ProcessHandle> workers = master.descendants().toList();
    master.destroy();
    try {
      if (!master.waitFor(10, TimeUnit.SECONDS)) {
        master.destroyForcibly();
        master.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.forEach(ProcessHandle::destroyForcibly);
    assertThat(master.isAlive()).as("nginx master stopped").isFalse();
  }
}
