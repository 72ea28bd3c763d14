package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20: a disk that fills up while {@code npm ci} extracts the dependencies. npm's own output
 * is lost (its log is on the full disk: 0 bytes), and the first write the installer tried after it
 * (children.json) failed, so the run said CHILD_REGISTRY_UNWRITABLE (exit 28). It must say
 * DISK_FULL (exit 30), and leave the live release as it was.
 */
class NpmDiskFullIT {
  @TempDir Path tmp;

  @Test
  void aDiskThatFillsDuringNpmCiIsDiskFull() throws Exception {
    Path logs = tmp.resolve("logs");
    // 8 MB once extracted, 200 KB packed: the archive and its unpacked staging fit in 4 MiB, npm's extraction does not.
    Path archive = TinyApps.archive("npm-8m", "n7", NpmDiskFullIT::dependOnEightMegabytes, List.of("vendor/big-1.0.0.tgz"));
    try (PrivateTmpfs disk = PrivateTmpfs.mount(tmp.resolve("tmpfs"), "4m")) {
      Root root = Root.create(disk.view("root")); // the npm cache links out of the tmpfs
      String inside = disk.mountPoint().resolve("root").toString();
      Cli.Result first = Cli.start(disk.nsenter(), logs, Map.of(), List.of(),
          List.of("install", TinyApps.archive("a1").toString(), "--root", inside)).awaitExit(Duration.ofMinutes(3));
      assertThat(first.exitCode()).as(first.toString()).isZero();
      String live = root.requireLive();

      Cli.Result full = Cli.start(disk.nsenter(), logs, Map.of(), List.of(),
          List.of("install", archive.toString(), "--root", inside)).awaitExit(Duration.ofMinutes(3));

      assertThat(full.exitCode()).as(full.toString()).isEqualTo(30);
      assertThat(full.errorLine()).as(full.toString()).startsWith("error: DISK_FULL: ").contains("npm ci");
      assertThat(full.stderrText()).doesNotContain("CHILD_REGISTRY_UNWRITABLE").contains("bytes free on the file system that holds");
      assertThat(root.stagingDirs()).as("staging removed, so the space is free again").isEmpty();
      assertThat(root.live()).contains(live);
      assertThat(root.releases()).containsExactly(live);
      JsonNode last = root.history().get(root.history().size() - 1);
      assertThat(last.get("result").asText()).isEqualTo("refused");
      assertThat(last.get("causeCode").asText()).isEqualTo("DISK_FULL");
      assertThat(last.get("failedStep").asText()).isEqualTo("npm");
    }
  }

  /** A dependency installed from a tarball the archive carries: no registry, 8 MB of mostly zeros. */
  static void dependOnEightMegabytes(Path project) throws IOException {
    Path pkg = Files.createDirectories(project.resolve("build-big/package"));
    Files.writeString(pkg.resolve("package.json"), "{\"name\":\"big\",\"version\":\"1.0.0\"}\n");
    Files.write(pkg.resolve("zeros.bin"), new byte[8_000_000]);
    byte[] noise = new byte[200_000]; // npm refuses a tarball that inflates over 1000 times
    new Random(7).nextBytes(noise);
    Files.write(pkg.resolve("noise.bin"), noise);
    Path tgz = Files.createDirectories(project.resolve("vendor")).resolve("big-1.0.0.tgz");
    Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", pkg.getParent().toString(), "package").inheritIO().start();
    try {
      assertThat(tar.waitFor()).as("tar czf").isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(sha512(Files.readAllBytes(tgz)));
    Files.writeString(project.resolve("package.json"), """
        {"name":"tiny","version":"1.0.0","private":true,"engines":{"node":">=20"},
         "dependencies":{"big":"file:vendor/big-1.0.0.tgz"}}
        """);
    Files.writeString(project.resolve("package-lock.json"), """
        {"name":"tiny","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
          "":{"name":"tiny","version":"1.0.0","dependencies":{"big":"file:vendor/big-1.0.0.tgz"},"engines":{"node":">=20"}},
          "node_modules/big":{"version":"1.0.0","resolved":"file:vendor/big-1.0.0.tgz","integrity":"%s"}}}
        """.formatted(integrity));
    dev.slipway.installer.layout.FileTrees.deleteRecursively(project.resolve("build-big"));
  }

  private static byte[] sha512(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
