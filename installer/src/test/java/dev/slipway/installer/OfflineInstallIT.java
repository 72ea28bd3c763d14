package dev.slipway.installer;

import dev.slipway.format.ShippedDependencies;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.installer.user.ServiceUserIT;
import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Issue #18, item 2: "an install must succeed with the npm registry unreachable". The installer's
 * jar runs as root with a service user inside a network namespace that has only loopback ({@code
 * unshare -n}, then {@code ip link set lo up}): pointing npm at a dead registry is not enough, since
 * npm fetches the lockfile's resolved URLs. A release that ships its node_modules installs, goes live
 * and answers; one that needs npm ci fails saying the registry is unreachable, the live release
 * untouched.
 */
class OfflineInstallIT {
  private static final int PORT = 38_018; // inside the namespace, where nothing else listens

  private Path base;

  @BeforeAll
  static void serviceUserExists() throws Exception {
    ServiceUserIT.serviceUserExists();
  }

  @BeforeEach
  void traversableFolder() throws IOException {
    // The service user must reach the release: not under JUnit's 0700 @TempDir.
    base = Files.createTempDirectory(Path.of("/tmp"), "slipway-offline-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void cleanUp() throws IOException {
    new LiveServer(base.resolve("root"), PORT, base.resolve("root/restart.sh")).stop();
    TestRoot.assertNoChildProcessesLeft();
    FileTrees.deleteRecursively(base);
  }

  @Test
  void aShippedReleaseInstallsAndAnswersWithOnlyLoopbackAndANpmCiReleaseFailsSayingTheRegistryIsUnreachable()
      throws Exception {
    ShippedArchives.Platform host = ShippedArchives.Platform.of(NodeRuntime.probe("node"));
    Path shipped = ShippedArchives.shipped(base, "off1", ShippedDependencies.STANDALONE, host, List.of());
    Path fromRegistry = ShippedArchives.fromRegistry(base, "reg2", host);
    Path root = Files.createDirectories(base.resolve("root"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    LiveServer server = LiveServer.create(root, PORT);
    Path envFile = Files.writeString(base.resolve("app.env"), "GREETING=hello offline\n");

    String install = installer() + " install %s --root " + root + " --service-user " + ServiceUserIT.USER
        + " --env-file " + envFile + " --allow-node-mismatch --restart-command " + server.command()
        + " --live-url " + server.url("/") + " --json";
    Path out = base.resolve("out");
    Files.createDirectories(out);
    String script = String.join("\n",
        "set -u",
        "ip link set lo up || exit 90",
        install.formatted(shipped) + " > " + out.resolve("shipped.json") + " 2> " + out.resolve("shipped.err"),
        "echo $? > " + out.resolve("shipped.rc"),
        "ls -A " + root.resolve("shared") + " > " + out.resolve("shared-after-shipped.txt"),
        "node -e \"require('http').get('" + server.url("/") + "', r => { let b = ''; r.on('data', d => b += d);"
            + " r.on('end', () => process.stdout.write(b)); })\" > " + out.resolve("answer.txt") + " 2>&1",
        // npm gives up at once instead of retrying for a minute: the failure is the same.
        "npm_config_fetch_retries=0 " + install.formatted(fromRegistry) + " > " + out.resolve("registry.json")
            + " 2> " + out.resolve("registry.err"),
        "echo $? > " + out.resolve("registry.rc"),
        "kill $(cat " + root.resolve("server.pid") + ") 2>/dev/null",
        "exit 0");

    Process namespace = new ProcessBuilder("unshare", "-n", "sh", "-c", script).redirectErrorStream(true)
        .redirectOutput(base.resolve("namespace.log").toFile()).start();
    assertThat(namespace.waitFor(5, TimeUnit.MINUTES)).as("the namespace's script finished").isTrue();
    assertThat(namespace.exitValue()).as(Files.readString(base.resolve("namespace.log"))).isZero();

    String shippedErr = Files.readString(out.resolve("shipped.err"));
    assertThat(Files.readString(out.resolve("shipped.rc")).strip()).as(shippedErr).isEqualTo("0");
    assertThat(Files.readString(out.resolve("shipped.json"))).contains("\"ok\":true", "\"dependencies\":\"shipped (standalone)\"");
    assertThat(shippedErr).contains("dependencies: shipped in the archive (standalone)")
        .doesNotContain("dependencies: npm ci").doesNotContain("npm-ci.log");
    assertThat(Files.readString(out.resolve("answer.txt"))).isEqualTo(ShippedArchives.ANSWER_PREFIX + " hello offline");
    assertThat(Files.readString(out.resolve("shared-after-shipped.txt"))).as("no npm cache was prepared")
        .doesNotContain("npm-cache");

    String live = Files.readSymbolicLink(root.resolve("current")).getFileName().toString();
    Path release = root.resolve("releases").resolve(live);
    assertThat(release.resolve(".deploy/logs/npm-ci.log")).doesNotExist();
    assertRootsAndNotWritableByOthers(release.resolve("node_modules"));

    String registryErr = Files.readString(out.resolve("registry.err"));
    assertThat(Files.readString(out.resolve("registry.rc")).strip()).as(registryErr).isEqualTo("23");
    assertThat(registryErr.lines().filter(l -> l.startsWith("error:")).findFirst().orElseThrow())
        .startsWith("error: REGISTRY_UNREACHABLE: npm could not reach the registry");
    assertThat(Files.readSymbolicLink(root.resolve("current")).getFileName().toString()).isEqualTo(live);
    try (Stream<Path> releases = Files.list(root.resolve("releases"))) {
      assertThat(releases.map(p -> p.getFileName().toString())).containsExactly(live);
    }
  }

  /** Issue #20: the release is root's; the service user can read node_modules, never write it. */
  private static void assertRootsAndNotWritableByOthers(Path modules) throws IOException {
    try (Stream<Path> tree = Files.walk(modules)) {
      for (Path path : tree.toList()) {
        assertThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(path.toString()).isEqualTo(0);
        assertThat(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)).as(path.toString())
            .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)
            .contains(PosixFilePermission.OTHERS_READ);
      }
    }
  }

  private static String installer() {
    return Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx256m -jar "
        + ExampleApp.repoRoot().resolve("installer/target/slipway-installer.jar");
  }
}
