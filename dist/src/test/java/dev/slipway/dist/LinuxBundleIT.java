package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import dev.slipway.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux bundle as a user gets it (issue #23): unpacked with tar into a folder whose path holds
 * a space, on a host whose PATH has node and npm but no java, and no JAVA_HOME. Everything runs on
 * the bundled jlink runtime: a missing module shows up here as a NoClassDefFoundError.
 */
class LinuxBundleIT {
  @TempDir static Path shared;
  static Path bundle;
  static Path path;
  static Map<String, String> env;

  @TempDir Path tmp;
  Process server;

  @BeforeAll
  static void unpackTheBundleOnAHostWithoutJava() throws Exception {
    // Made only by a build on Linux x86-64 (dist/pom.xml's profile); there it must exist.
    assumeTrue(Bundles.buildMakesTheLinuxBundle(), "the Linux x86-64 bundle is built on Linux x86-64 only");
    Path into = Files.createDirectories(shared.resolve("opt with space"));
    Command.run(shared.resolve("logs"), Map.of("PATH", "/usr/bin:/bin"), into,
        List.of("tar", "xzf", Bundles.linuxTarGz().toString())).succeeded();
    bundle = into.resolve(Bundles.name() + "-linux-x64");
    path = Bundles.pathWithoutJava(shared.resolve("server bin"));
    env = Bundles.serverEnv(path, Files.createDirectories(shared.resolve("home")));
    Command noJava = Command.run(shared.resolve("logs"), env, shared, List.of("sh", "-c", "command -v java || echo none"));
    assertThat(noJava.stdout().strip()).as("java on the test's PATH").isEqualTo("none");
  }

  /** The PATH folder's links, removed here so that the temporary folder's clean-up does not warn about each. */
  @AfterAll
  static void removeThePathLinks() throws IOException {
    Bundles.deleteLinks(path);
  }

  @AfterEach
  void stopTheServer() {
    if (server != null) {
      Processes.destroyTree(server.toHandle(), Duration.ofSeconds(10));
      server = null;
    }
  }

  @Test
  void theBundlesToolsPackageSignInstallCheckAndRollBackAnExampleThatAnswers() throws Exception {
    Path app = ExampleApp.named("hello-next").freshCopy(tmp.resolve("app"));
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    run(tool("packager"), "keygen", "--secret-key", keys.resolve("ci.key").toString(), "--public-key", keys.resolve("ci.pub").toString())
        .succeeded();
    // Bouncy Castle (BLAKE2b, scrypt) and the JDK's Ed25519 (jdk.crypto.ec) sign on the trimmed runtime.
    Path archive = Path.of(run(tool("packager"), "package", app.toString(), "--out", tmp.resolve("out").toString(),
        "--sign-key", keys.resolve("ci.key").toString()).succeeded().lastLine());
    assertThat(Path.of(archive + ".minisig")).exists();
    assertThat(run(tool("packager"), "inspect", archive.toString(), "--json").succeeded().stdout()).contains("\"GREETING\"");
    Path root = serverRoot(keys.resolve("ci.pub"));

    // Through a chain of links in another folder, as /usr/local/bin/installer -> /opt/.../bin/installer.
    Path links = Files.createDirectories(tmp.resolve("usr local/bin"));
    Path direct = Files.createSymbolicLink(tmp.resolve("installer-link"), tool("installer"));
    Path installer = Files.createSymbolicLink(links.resolve("installer"), links.relativize(direct));
    Command install = run(installer, "install", archive.toString(), "--root", root.toString(), "--allow-root-app");

    install.succeeded();
    Command status = run(installer, "status", "--root", root.toString(), "--json").succeeded();
    assertThat(status.stdout()).contains("\"app\":\"hello-next\"").contains("\"version\":\"1.0.0\"");
    assertThat(run(installer, "list", "--root", root.toString()).succeeded().stdout()).contains("hello-next").contains("live");
    assertThat(serveCurrent(root, "/greeting")).contains("hello from the bundle env file");
    stopTheServer();

    // A second release, then back to the first: rollback on the trimmed runtime too.
    Files.writeString(app.resolve("package.json"), Files.readString(app.resolve("package.json")).replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\""));
    Path second = Path.of(run(tool("packager"), "package", app.toString(), "--out", tmp.resolve("out2").toString(),
        "--sign-key", keys.resolve("ci.key").toString()).succeeded().lastLine());
    run(installer, "verify", second.toString(), "--trusted-key", keys.resolve("ci.pub").toString()).succeeded();
    run(installer, "install", second.toString(), "--root", root.toString(), "--allow-root-app").succeeded();
    assertThat(run(installer, "status", "--root", root.toString(), "--json").succeeded().stdout()).contains("\"version\":\"2.0.0\"");
    run(installer, "rollback", "--root", root.toString()).succeeded();
    assertThat(run(installer, "status", "--root", root.toString(), "--json").succeeded().stdout()).contains("\"version\":\"1.0.0\"");

    // doctor's URL check over TLS: the trimmed runtime's key exchange and an EC certificate.
    try (LoopbackHttps https = LoopbackHttps.start(Files.createDirectories(tmp.resolve("tls")))) {
      Map<String, String> trusting = new HashMap<>(env);
      trusting.put("SLIPWAY_JAVA_OPTS", https.trustOptions());
      Command doctor = Command.run(tmp.resolve("logs"), trusting, tmp,
          List.of(installer.toString(), "doctor", "--root", root.toString(), "--allow-root-app", "--url", https.url())).succeeded();
      assertThat(doctor.stdout() + doctor.stderr()).contains(https.url() + " answered 200").doesNotContain("Exception");
    }
  }

  @Test
  void bothToolsNameTheirVersionAndTheBundledJava() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("some other dir"));
    Path link = Files.createSymbolicLink(elsewhere.resolve("packager"), tool("packager"));

    for (Path launcher : List.of(tool("installer"), tool("packager"), link)) {
      String name = launcher.getFileName().toString();
      Command version = Command.run(tmp.resolve("logs"), env, elsewhere, List.of(launcher.toString(), "--version")).succeeded();
      assertThat(version.stdout().strip())
          .matches(name + " \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, linux amd64")
          // The runtime jlink made from the build's JDK, not a Java of the host's.
          .contains(" on Java " + System.getProperty("java.version") + ", ");
    }
  }

  @Test
  void theFirstRunMakesTheInstallersClassDataArchiveForTheBundlesPathAndAgainWhenMoved() throws Exception {
    // Not under a path with a space, where JDK 17 would not use it (bin/launcher.sh).
    Path first = Files.createDirectories(tmp.resolve("opt"));
    Command.run(tmp.resolve("logs"), env, first, List.of("tar", "xzf", Bundles.linuxTarGz().toString())).succeeded();
    Path lib = first.resolve(Bundles.name() + "-linux-x64/lib");

    assertThat(lib.resolve("slipway-installer.jsa")).doesNotExist();
    assertClassesComeFromTheArchive(lib.resolveSibling("bin/installer"));
    assertThat(lib.resolve("slipway-installer.jsa.path")).hasContent(lib.resolve("slipway-installer.jar").toString());

    Path moved = Files.move(first, tmp.resolve("moved"));
    Path movedLib = moved.resolve(Bundles.name() + "-linux-x64/lib");
    assertClassesComeFromTheArchive(movedLib.resolveSibling("bin/installer"));
    assertThat(movedLib.resolve("slipway-installer.jsa.path")).hasContent(movedLib.resolve("slipway-installer.jar").toString());
    // Under the path with a space the archive would be dead weight: none is made.
    run(tool("installer"), "--version").succeeded();
    assertThat(bundle.resolve("lib/slipway-installer.jsa")).doesNotExist();
  }

  /** Runs --version twice (the first makes the archive); -Xshare:on makes the JVM fail on an archive it cannot use. */
  private void assertClassesComeFromTheArchive(Path installer) throws Exception {
    run(installer, "--version").succeeded();
    Map<String, String> logging = new HashMap<>(env);
    logging.put("SLIPWAY_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info");
    Command second = Command.run(tmp.resolve("logs"), logging, tmp, List.of(installer.toString(), "--version")).succeeded();
    assertThat(second.stdout()).contains("dev.slipway.installer.cli.InstallerMain source: shared objects file");
  }

  @Test
  void theBundledRuntimeHoldsOnlyTheModulesThePomNames() throws Exception {
    Command modules = Command.run(tmp.resolve("logs"), env, tmp,
        List.of(bundle.resolve("runtime/bin/java").toString(), "--list-modules")).succeeded();

    assertThat(modules.stdout().lines().map(line -> line.replaceFirst("@.*", "")))
        .containsExactlyInAnyOrderElementsOf(RuntimeModules.listed());
  }

  private Path tool(String name) {
    return bundle.resolve("bin").resolve(name);
  }

  private Command run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return Command.run(tmp.resolve("logs"), env, tmp, command);
  }

  /** A ROOT with the example's required GREETING, trusting the key the archive is signed with. */
  private Path serverRoot(Path publicKey) throws IOException {
    Path root = tmp.resolve("srv root");
    Path sharedDir = Files.createDirectories(root.resolve("shared"));
    Files.writeString(sharedDir.resolve(".env.production"), "GREETING=hello from the bundle env file\n");
    // npm ci answers from the cache the other end-to-end tests fill, as they do (TestRoot).
    Files.createSymbolicLink(sharedDir.resolve("npm-cache"),
        Files.createDirectories(ExampleApp.repoRoot().resolve("target/testkit/npm-cache")));
    Files.copy(publicKey, Files.createDirectories(sharedDir.resolve("trusted-keys")).resolve("ci.pub"));
    return root;
  }

  /** Starts the live release as its service would (node server.js in current/) and asks PATH. */
  private String serveCurrent(Path root, String urlPath) throws Exception {
    int port = Http.freePort();
    ProcessBuilder builder = new ProcessBuilder(path.resolve("node").toString(), "server.js")
        .directory(root.resolve("current").toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("server.log").toFile());
    Map<String, String> serverEnv = new HashMap<>(env);
    serverEnv.put("PORT", String.valueOf(port));
    builder.environment().clear();
    builder.environment().putAll(serverEnv);
    server = builder.start();
    Http.awaitStatus("http://127.0.0.1:" + port + "/", 200, Duration.ofSeconds(60));
    return Http.get("http://127.0.0.1:" + port + urlPath, Duration.ofSeconds(20)).body();
  }
}
