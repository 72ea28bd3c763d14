package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slipway-VERSION.zip (issue #23): its sh launchers run with the build's JDK, found through
 * JAVA_HOME or PATH, and say in one line how to get Java when there is none. Its .cmd launchers
 * cannot run here: WindowsLaunchersTest checks their structure and this test that the zip carries them.
 */
class PortableZipIT {
  private static final Path TRAINING = ExampleApp.repoRoot().resolve("installer/src/cds/cds-training-1.0.0-training.tar.gz");

  @TempDir static Path shared;
  static Path bundle;
  static Path noJava;

  @BeforeAll
  static void unzip() throws Exception {
    Path into = Files.createDirectories(shared.resolve("any folder"));
    Command.run(shared.resolve("logs"), Map.of("PATH", "/usr/bin:/bin"), into,
        List.of("unzip", "-q", Bundles.portableZip().toString())).succeeded();
    bundle = into.resolve(Bundles.name());
    noJava = Bundles.pathWithoutJava(shared.resolve("no java"));
  }

  @AfterAll
  static void removeThePathLinks() throws IOException {
    Bundles.deleteLinks(noJava);
  }

  @Test
  void theLaunchersRunTheBuildsJavaFromJavaHome() throws Exception {
    Map<String, String> env = Map.of("PATH", noJava.toString(), "JAVA_HOME", System.getProperty("java.home"));

    Command version = run(env, "installer", "--version").succeeded();
    Command verify = run(env, "installer", "verify", TRAINING.toString()).succeeded();

    assertThat(version.stdout()).contains(" on Java " + System.getProperty("java.version") + ", ");
    assertThat(verify.stdout()).contains("ok: cds-training 1.0.0");
  }

  @Test
  void theLaunchersRunTheJavaOnPathWithoutJavaHome() throws Exception {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    Map<String, String> env = Map.of("PATH", javaBin + ":" + noJava);

    Command inspect = run(env, "packager", "inspect", TRAINING.toString()).succeeded();

    assertThat(inspect.stdout()).contains("cds-training");
  }

  @Test
  void withNoJavaAtAllTheyPrintOneLineSayingHowToInstallOneAndExit127() throws Exception {
    for (String tool : WindowsLaunchersTest.TOOLS) {
      Command run = run(Map.of("PATH", noJava.toString()), tool, "--version");

      assertThat(run.exitCode()).isEqualTo(127);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr().lines()).singleElement().asString()
          .startsWith(tool + ": no Java found").contains("apt-get install openjdk-17-jre-headless");
    }
  }

  @Test
  void theZipCarriesTheCmdLaunchersWithCrLfAndTheShellOnesExecutable() throws IOException {
    for (String tool : WindowsLaunchersTest.TOOLS) {
      WindowsLaunchersTest.assertCrLfOnly(bundle.resolve("bin/" + tool + ".cmd"));
      assertThat(bundle.resolve("bin/" + tool + ".cmd")).hasSameTextualContentAs(ExampleApp.repoRoot().resolve("bin/" + tool + ".cmd"));
      assertThat(bundle.resolve("bin/" + tool)).isExecutable();
      assertThat(Files.readString(bundle.resolve("bin/" + tool))).doesNotContain("\r");
    }
  }

  @Test
  void sha256SumsListsBothBundlesAsSha256sumWritesThem() throws Exception {
    List<String> lines = Files.readAllLines(Bundles.distDir().resolve("SHA256SUMS"));
    List<String> expected = new java.util.ArrayList<>();
    if (Bundles.buildMakesTheLinuxBundle()) {
      expected.add(sha256(Bundles.linuxTarGz()) + "  " + Bundles.linuxTarGz().getFileName());
    }
    expected.add(sha256(Bundles.portableZip()) + "  " + Bundles.portableZip().getFileName());

    assertThat(lines).containsExactlyElementsOf(expected);
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Command run(Map<String, String> env, String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(bundle.resolve("bin").resolve(tool).toString()));
    command.addAll(List.of(args));
    return Command.run(shared.resolve("logs"), env, shared, command);
  }
}
