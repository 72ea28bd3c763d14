package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive the build dumps next to the jar (issue #7, installer/pom.xml) and
 * how the launcher hands it to the JVM.
 */
class ClassDataSharingIT {
  private static final Path REPO = ExampleApp.repoRoot();
  private static final Path JAR = REPO.resolve("installer/target/slipway-installer.jar");
  private static final Path CDS = REPO.resolve("installer/target/slipway-installer.jsa");
  private static final Path TRAINING = REPO.resolve("installer/src/cds/cds-training-1.0.0-training.tar.gz");

  @TempDir Path tmp;

  record Run(int exitCode, String stdout, String stderr) {}

  @Test
  void theReaderAndPicocliClassesOfAVerifyComeFromTheArchiveTheBuildDumped() throws Exception {
    // -Xshare:on makes the JVM fail instead of silently starting without an archive it cannot use.
    Run run = run(List.of(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + CDS, "-Xlog:class+load=info",
        "-jar", JAR.toString(), "verify", TRAINING.toString()));

    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    assertThat(run.stdout())
        .containsPattern("dev\\.slipway\\.format\\.SafeArchiveReader source: shared objects file")
        .containsPattern("dev\\.slipway\\.installer\\.cli\\.InstallerMain source: shared objects file")
        // picocli's classes are Java 5 bytecode, which only a static dump stores (pom.xml).
        .containsPattern("picocli\\.CommandLine\\$Model\\$CommandSpec source: shared objects file")
        .contains("ok: cds-training 1.0.0");
  }

  @Test
  void theSmokeStartsHttpClientAndTheSwitchOfAnInstallComeFromTheArchiveToo() throws Exception {
    // The build's second training run installs the training release (issue #18: install time): the
    // HTTP client of the smoke start was 140 of the 2,200 classes an install loaded from the jar.
    Run run = run(List.of(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + CDS, "-Xlog:class+load=info",
        "-jar", JAR.toString(), "install", TRAINING.toString(), "--root", tmp.resolve("root").toString(),
        "--allow-root-app", "--allow-node-mismatch"));

    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    assertThat(run.stdout())
        .containsPattern("jdk\\.internal\\.net\\.http\\.HttpClientImpl source: shared objects file")
        .containsPattern("dev\\.slipway\\.installer\\.process\\.HealthPoller source: shared objects file")
        .containsPattern("dev\\.slipway\\.installer\\.layout\\.CurrentLink source: shared objects file");
  }

  @Test
  void theLauncherRunsQuietlyWithTheArchive() throws Exception {
    Run run = run(List.of("sh", REPO.resolve("bin/installer").toString(), "verify", TRAINING.toString(), "--json"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines()).singleElement().asString().startsWith("{").contains("\"ok\":true");
  }

  @Test
  void theLauncherStaysQuietWhenTheJvmCannotUseTheArchive() throws Exception {
    // A copied jar is another path: the JVM refuses the archive and says so on stdout unless told
    // not to, which would break --json.
    Path copy = copyOfTheLayout();
    Files.copy(CDS, copy.resolve("installer/target/slipway-installer.jsa"));

    Run run = run(List.of("sh", copy.resolve("bin/installer").toString(), "verify", TRAINING.toString(), "--json"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines()).singleElement().asString().startsWith("{").contains("\"ok\":true");
    assertThat(run.stderr()).doesNotContain("shared archive").doesNotContain("[warning]");
  }

  @Test
  void theLauncherIgnoresADamagedArchiveInsteadOfCrashing() throws Exception {
    // The JVM takes an archive only for the jar path (and mtime) it was dumped with, so this dumps one
    // for a copy of the layout, then damages it as a partial copy or a bad disk would.
    Path copy = copyOfTheLayout();
    Path jar = copy.resolve("installer/target/slipway-installer.jar");
    Path archive = copy.resolve("installer/target/slipway-installer.jsa");
    Run dump = run(List.of(java(), "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "verify", TRAINING.toString()));
    assertThat(dump.exitCode()).as(dump.stderr()).isZero();
    Run intact = run(List.of(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
        "-jar", jar.toString(), "--version"));
    assertThat(intact.stdout()).as("the copy's archive is used while intact")
        .containsPattern("dev\\.slipway\\.installer\\.cli\\.InstallerMain source: shared objects file");

    damage(archive);
    Run run = run(List.of("sh", copy.resolve("bin/installer").toString(), "verify", TRAINING.toString(), "--json"));

    // Without -XX:+VerifySharedSpaces the JVM died of SIGSEGV (exit 134), its crash report on stdout.
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout().lines()).singleElement().asString().startsWith("{").contains("\"ok\":true");
  }

  /** bin/installer, the bin/launcher.sh it sources, and the jar (its modification time kept) in a folder of their own, as a copy of Slipway. */
  private Path copyOfTheLayout() throws IOException {
    Path copy = tmp.resolve("slipway");
    Files.createDirectories(copy.resolve("bin"));
    Files.createDirectories(copy.resolve("installer/target"));
    Files.copy(REPO.resolve("bin/installer"), copy.resolve("bin/installer"));
    Files.copy(REPO.resolve("bin/launcher.sh"), copy.resolve("bin/launcher.sh"));
    Files.copy(JAR, copy.resolve("installer/target/slipway-installer.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    return copy;
  }

  /** 512 bytes of noise every 64 KiB after the first 64 KiB (the header stays readable). */
  private static void damage(Path archive) throws IOException {
    archive.toFile().setWritable(true);
    Random noise = new Random(7);
    byte[] bytes = new byte[512];
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
      for (long at = 64 * 1024; at < channel.size(); at += 64 * 1024) {
        noise.nextBytes(bytes);
        channel.write(ByteBuffer.wrap(bytes), at);
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Run run(List<String> command) throws IOException, InterruptedException {
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile());
    // The launcher runs `java` from PATH: make it the one running these tests, which built the archive.
    builder.environment().put("PATH", Path.of(java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
