package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.user.ServiceUserIT;
import dev.slipway.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A root set up for blue/green the way docs/blue-green.md says, through the real command line:
 * {@code installer blue-green} with the test's slot scripts, then {@code installer nginx-conf}
 * whose server block a real nginx of the test's own runs (issue #21). Installs name the test's
 * service user, so the slot scripts run the instances as it, never as root (the tests run as root).
 * {@link #close} stops the slot instances and nginx whatever happened.
 */
final class BlueGreenRoot implements AutoCloseable {
  final Root root;
  final SlotScripts slots;
  final Nginx nginx;
  final Path logs;
  final Path upstreamFile;
  final int[] ports;

  private BlueGreenRoot(Root root, SlotScripts slots, Nginx nginx, Path logs, Path upstreamFile, int[] ports) {
    this.root = root;
    this.slots = slots;
    this.nginx = nginx;
    this.logs = logs;
    this.upstreamFile = upstreamFile;
    this.ports = ports;
  }

  static BlueGreenRoot create(Path dir) throws Exception {
    ServiceUserIT.serviceUserExists();
    // JUnit's folder is 0700: the service user could not reach its releases.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Root root = Root.create(dir.resolve("root"));
    Path logs = dir.resolve("logs");
    SlotScripts slots = SlotScripts.in(dir.resolve("slots"));
    Set<Integer> free = new LinkedHashSet<>(); // the OS may hand out one port twice
    while (free.size() < 3) {
      free.add(Http.freePort());
    }
    List<Integer> three = new ArrayList<>(free);
    Path nginxDir = dir.resolve("nginx");
    Path upstream = nginxDir.resolve("upstream.conf");
    String nginxArgs = Nginx.executable() + " -p " + nginxDir + " -c " + nginxDir.resolve("nginx.conf");
    configure(root, logs, slots.startCommand(), slots, upstream, three, nginxArgs + " -t -q && " + nginxArgs + " -s reload");
    assertThat(upstream).as("written for nginx to start with").exists();
    Cli.Result site = Cli.run(logs, "nginx-conf", "--root", root.arg(), "--listen", "127.0.0.1:" + three.get(2));
    assertThat(site.exitCode()).as(site.toString()).isZero();
    Nginx nginx = Nginx.start(nginxDir, three.get(2), site.stdout() + "\n");
    return new BlueGreenRoot(root, slots, nginx, logs, upstream, new int[] {three.get(0), three.get(1)});
  }

  /** {@code installer blue-green} with the test's slots and scripts, and {@code reloadCommand}. */
  void reconfigure(String reloadCommand) {
    configure(root, logs, slots.startCommand(), slots, upstreamFile, List.of(ports[0], ports[1]), reloadCommand);
  }

  /** {@code installer blue-green} with {@code startCommand} instead of the slot script's own. */
  void reconfigureStart(String startCommand) {
    configure(root, logs, startCommand, slots, upstreamFile, List.of(ports[0], ports[1]), nginx.reloadCommand());
  }

  private static void configure(Root root, Path logs, String startCommand, SlotScripts slots, Path upstream,
      List<Integer> ports, String reloadCommand) {
    Cli.Result configured = Cli.run(logs, "blue-green", "--root", root.arg(),
        "--port", ports.get(0).toString(), "--port", ports.get(1).toString(),
        "--start-command", startCommand, "--stop-command", slots.stopCommand(),
        "--upstream-file", upstream.toString(), "--drain", "1", "--start-timeout", "30",
        "--reload-command", reloadCommand);
    assertThat(configured.exitCode()).as(configured.toString()).isZero();
  }

  Cli.Result install(String build) {
    return install(TinyApps.archive(build));
  }

  Cli.Result install(Path archive) {
    return Cli.run(logs, "install", archive.toString(), "--root", root.arg(), "--service-user", ServiceUserIT.USER);
  }

  /** The body nginx answers / with, e.g. {@code tiny b2}. */
  String served() {
    var answer = Http.get(nginx.url("/"), java.time.Duration.ofSeconds(10));
    assertThat(answer.status()).as("nginx answers " + answer.body()).isEqualTo(200);
    return answer.body().strip();
  }

  /** Polls until nginx answers / with {@code body}; every answer on the way must be a 200. */
  void awaitServed(String body, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = served();
    while (!last.equals(body)) {
      assertThat(System.nanoTime() - deadline).as("nginx still answers " + last + ", not " + body).isNegative();
      Cli.sleep(50);
      last = served();
    }
  }

  /** The ports of the slots whose instance runs (a pid file of the slot scripts). */
  List<String> runningSlots() throws IOException {
    try (var files = Files.list(slots.dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
          .map(n -> n.replaceAll("\\D", "")).sorted().toList();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      slots.stopAll();
    } finally {
      try {
        nginx.close();
      } finally {
        root.killProcesses();
      }
    }
  }
}
