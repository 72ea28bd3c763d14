package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, resources and hostile roots: a disk that fills up while unpacking, an archive several
 * times larger than the installer's heap, a read-only root, a root whose releases/ is missing, and
 * a {@code current} that is a real folder left by a manual deploy.
 */
class ResourcesIT {
  @TempDir static Path shared;
  /** a1 then b2 installed: for the read-only tests, which never change it. */
  static Root twoReleases;
  static String a1;
  static String b2;

  @TempDir Path tmp;
  Root root;
  Path logs;

  @BeforeAll
  static void installTwoReleases() throws IOException {
    twoReleases = Root.create(shared.resolve("two"));
    for (String id : List.of("a1", "b2")) {
      Cli.Result result = Cli.run(shared.resolve("logs"), "install", TinyApps.archive(id).toString(), "--root", twoReleases.arg());
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    b2 = twoReleases.requireLive();
    a1 = twoReleases.releases().stream().filter(id -> !id.equals(b2)).findFirst().orElseThrow();
  }

  @AfterEach
  void killLeftovers() {
    if (root != null) {
      root.killProcesses();
    }
  }

  // --- disk full -------------------------------------------------------------------------------

  /** ROOT on a 2 MiB tmpfs; a release of 3 MB of public/ cannot fit. */
  @Test
  void diskFullWhileUnpacking() throws Exception {
    logs = tmp.resolve("logs");
    Path mount = Files.createDirectories(tmp.resolve("tmpfs"));
    mountOrAbort("tmpfs", List.of("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()));
    try {
      root = Root.create(mount.resolve("root")); // its npm cache links out of the tmpfs
      Cli.Result first = Cli.run(logs, "install", TinyApps.archive("a1").toString(), "--root", root.arg());
      assertThat(first.exitCode()).as(first.toString()).isZero();
      String live = root.requireLive();
      Path big = TinyApps.archive("public-3m", "d4", project -> writeRandom(project.resolve("public/big.bin"), 3_000_000, 4));
      assertThat(Files.size(big)).as("the archive alone is larger than the file system").isGreaterThan(2L << 20);

      Cli.Result full = Cli.run(logs, "install", big.toString(), "--root", root.arg());

      assertThat(full.exitCode()).as(full.toString()).isEqualTo(30);
      assertThat(full.errorLine()).startsWith("error: DISK_FULL: no space left on the device while unpacking public/big.bin");
      assertThat(root.stagingDirs()).as("staging removed, so the space is free again").isEmpty();
      assertThat(root.live()).contains(live);
      assertThat(root.releases()).containsExactly(live);
      root.assertComplete(live);
      assertThat(root.serveCurrent(logs)).contains("tiny a1");
    } finally {
      unmount(mount);
    }
  }

  // --- memory ----------------------------------------------------------------------------------

  /**
   * About 300 MB of public/ (half random, half compressible text: a ~155 MB archive), installed
   * by a JVM with a 64 MiB heap, a quarter of what bin/installer gives it: only streaming fits.
   */
  @Test
  void aLargeArchiveInstallsWithin64MiBOfHeap() throws Exception {
    logs = tmp.resolve("logs");
    Path big = TinyApps.archive("public-300m", "h5", project -> {
      for (int i = 0; i < 75; i++) {
        writeRandom(project.resolve("public/random/r" + i + ".bin"), 2_000_000, i);
        writeText(project.resolve("public/text/t" + i + ".txt"), 2_000_000, i);
      }
    });
    assertThat(Files.size(big)).as("archive size").isGreaterThan(100L << 20);
    root = Root.create(tmp.resolve("root"));

    Cli.Result result = Cli.start(logs, Map.of(), List.of("-Xmx64m"), List.of("install", big.toString(), "--root", root.arg()))
        .awaitExit(Duration.ofMinutes(5));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderrText()).doesNotContain("OutOfMemoryError");
    String live = root.requireLive();
    root.assertComplete(live); // every one of the 150 files, by SHA-256
    assertThat(root.serveCurrent(logs)).contains("tiny h5");
  }

  // --- unwritable root -------------------------------------------------------------------------

  /**
   * The root bind-mounted read-only over itself (root ignores permission bits; a read-only mount
   * stops even root). install refuses with ROOT_UNWRITABLE (exit 28) before touching anything;
   * adopt too; list, which only reads, still works.
   */
  @Test
  void aReadOnlyRootIsRefusedClearly() throws Exception {
    logs = tmp.resolve("logs");
    readOnly(twoReleases.path(), () -> {
      Cli.Result install = Cli.run(logs, "install", TinyApps.archive("c3").toString(), "--root", twoReleases.arg());
      assertThat(install.exitCode()).as(install.toString()).isEqualTo(28);
      assertThat(install.firstStderrLine()).startsWith("error: ROOT_UNWRITABLE: cannot write into the root " + twoReleases.path());
      assertThat(install.stderrText()).contains("Read-only file system").contains("mounted read-only");

      Cli.Result adopt = Cli.run(logs, "adopt", "--root", twoReleases.arg());
      assertThat(adopt.exitCode()).as(adopt.toString()).isEqualTo(28);
      assertThat(adopt.firstStderrLine()).startsWith("error: ROOT_UNWRITABLE:");

      Cli.Result list = Cli.run(logs, "list", "--root", twoReleases.arg());
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.stdout()).contains(b2).contains(a1);
    });
    assertThat(twoReleases.live()).contains(b2);
    assertThat(twoReleases.stagingDirs()).isEmpty();
  }

  /** Bug 5, fixed: it exited 1 (INTERNAL) with a raw FileSystemException and a stack trace. */
  @Test
  void rollbackOnAReadOnlyRootIsRefusedClearly() throws Exception {
    logs = tmp.resolve("logs");
    readOnly(twoReleases.path(), () -> {
      Cli.Result rollback = Cli.run(logs, "rollback", "--root", twoReleases.arg());
      assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(28);
      assertThat(rollback.firstStderrLine()).startsWith("error: ROOT_UNWRITABLE: cannot write into the root " + twoReleases.path());
    });
    assertThat(twoReleases.live()).contains(b2);
  }

  // --- missing releases/ -----------------------------------------------------------------------

  /** A root that does not exist yet (nor its parent) is created, with releases/, shared/ and .slipway/. */
  @Test
  void aMissingRootIsCreated() throws Exception {
    logs = tmp.resolve("logs");
    root = new Root(tmp.resolve("srv/app"));
    assertThat(tmp.resolve("srv")).doesNotExist();

    Cli.Result install = Cli.run(logs, "install", TinyApps.archive("a1").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(root.path().resolve("releases")).isDirectory();
    assertThat(root.path().resolve("shared")).isDirectory();
    assertThat(root.path().resolve(".slipway")).isDirectory();
    root.assertComplete(root.requireLive());
  }

  /**
   * releases/ deleted by hand under a live current (a dangling link): install recreates it and
   * installs; the lost release is simply gone (list does not show it, rollback has nothing to go
   * back to and says so with 27).
   */
  @Test
  void aDeletedReleasesFolderIsRecreated() throws Exception {
    logs = tmp.resolve("logs");
    root = Root.create(tmp.resolve("root"));
    Cli.Result first = Cli.run(logs, "install", TinyApps.archive("a1").toString(), "--root", root.arg());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    dev.slipway.installer.layout.FileTrees.deleteRecursively(root.path().resolve("releases"));

    Cli.Result install = Cli.run(logs, "install", TinyApps.archive("b2").toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isZero();
    String live = root.requireLive();
    assertThat(root.releases()).containsExactly(live);
    root.assertComplete(live);
    assertThat(root.serveCurrent(logs)).contains("tiny b2");
    Cli.Result list = Cli.run(logs, "list", "--root", root.arg());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.stdout()).contains(live + " ").contains("live");
    Cli.Result rollback = Cli.run(logs, "rollback", "--root", root.arg());
    assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(27);
    assertThat(rollback.firstStderrLine()).startsWith("error: NOTHING_TO_ROLL_BACK:");
  }

  // --- a manual deploy -------------------------------------------------------------------------

  /**
   * ROOT/current is a real folder (someone deployed by hand). install refuses with exit 28 and a
   * first line that says to run {@code installer adopt}, changing nothing; adopt moves the folder
   * to releases/ and links current to it; an install then works, and a rollback to the adopted
   * release needs --force (it has no manifest to re-check node and env against) and serves it.
   */
  @Test
  void aManualDeployIsAdoptedThenManaged() throws Exception {
    logs = tmp.resolve("logs");
    root = Root.create(tmp.resolve("root"));
    Path manual = root.path().resolve("current");
    TinyApps.write(manual.resolve("server.js"), TinyApps.SERVER_JS);
    TinyApps.write(manual.resolve("package.json"), "{\"name\":\"tiny\",\"version\":\"0.9.0\"}");
    TinyApps.write(manual.resolve(".next/BUILD_ID"), "manual");

    Cli.Result refused = Cli.run(logs, "install", TinyApps.archive("b2").toString(), "--root", root.arg());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(28);
    assertThat(refused.firstStderrLine())
        .startsWith("error: CURRENT_NOT_A_LINK: " + manual + " is a real folder")
        .contains("`installer adopt --root " + root.path() + "`");
    assertThat(Files.isDirectory(manual, LinkOption.NOFOLLOW_LINKS)).as("current left as it was").isTrue();
    assertThat(root.path().resolve("releases")).as("nothing created").doesNotExist();

    Cli.Result adopt = Cli.run(logs, "adopt", "--root", root.arg());
    assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
    String adopted = root.requireLive();
    assertThat(adopted).endsWith("-adopted");
    assertThat(adopt.stdout()).contains("adopted the manual deploy as release " + adopted);
    assertThat(root.path().resolve("releases").resolve(adopted).resolve("server.js")).hasContent(TinyApps.SERVER_JS);
    assertThat(root.serveCurrent(logs)).contains("tiny manual");

    Cli.Result install = Cli.run(logs, "install", TinyApps.archive("b2").toString(), "--root", root.arg());
    assertThat(install.exitCode()).as(install.toString()).isZero();
    String installed = root.requireLive();
    assertThat(installed).endsWith("-b2");

    Cli.Result unforced = Cli.run(logs, "rollback", "--root", root.arg());
    assertThat(unforced.exitCode()).as(unforced.toString()).isEqualTo(27);
    assertThat(unforced.firstStderrLine()).contains("adopted from a manual deploy and has no manifest");
    assertThat(root.live()).contains(installed);

    Cli.Result forced = Cli.run(logs, "rollback", "--root", root.arg(), "--force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(root.live()).contains(adopted);
    assertThat(root.serveCurrent(logs)).contains("tiny manual");
  }

  // --- helpers ---------------------------------------------------------------------------------

  interface Body {
    void run() throws Exception;
  }

  /** Bind-mounts {@code dir} read-only over itself for {@code body}; aborts the test where mounting is not allowed. */
  private static void readOnly(Path dir, Body body) throws Exception {
    mountOrAbort("bind", List.of("mount", "--bind", dir.toString(), dir.toString()));
    try {
      mountOrAbort("read-only remount", List.of("mount", "-o", "remount,ro,bind", dir.toString()));
      body.run();
    } finally {
      unmount(dir);
    }
  }

  private static void mountOrAbort(String what, List<String> command) throws Exception {
    Process mount = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (mount.waitFor() != 0) {
      Assumptions.abort("cannot mount (" + what + "): " + String.join(" ", command) + ": " + output);
    }
  }

  private static void unmount(Path dir) throws Exception {
    Process umount = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
    String output = new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (umount.waitFor() != 0) {
      new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor();
      throw new AssertionError("umount " + dir + " failed (" + output + "); lazily unmounted");
    }
  }

  static void writeRandom(Path file, int size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Files.write(file, bytes);
  }

  static void writeText(Path file, int size, int n) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      int written = 0;
      for (int line = 0; written < size; line++) {
        byte[] bytes = ("file " + n + " line " + line + ": lorem ipsum dolor sit amet, consectetur adipiscing elit\n")
            .getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(bytes.length, size - written);
        out.write(bytes, 0, length);
        written += length;
      }
    }
  }
}
