package dev.slipway.installer.user;

import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.InstallResult;
import dev.slipway.installer.Installer;
import dev.slipway.installer.InstallerEndToEndIT;
import dev.slipway.installer.Rollback;
import dev.slipway.installer.RollbackRequest;
import dev.slipway.installer.RollbackResult;
import dev.slipway.installer.StepHook;
import dev.slipway.installer.TestRoot;
import dev.slipway.installer.doctor.CheckResult;
import dev.slipway.installer.doctor.Doctor;
import dev.slipway.installer.doctor.DoctorReport;
import dev.slipway.installer.doctor.DoctorRequest;
import dev.slipway.installer.doctor.Verdict;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.release.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/**
 * Issue #20, section 1: archive code never runs as root. These tests run as root (as CI does) and
 * create their service user. The archive's root {@code postinstall} (run by a real npm ci) and its
 * {@code server.js} (run by the smoke start) write their uid to an outbox and try to write into
 * ROOT, the way a crafted archive would.
 *
 * <p>JUnit's @TempDir folders are 0700, which the service user cannot enter; the roots live under
 * a 0755 folder in /tmp instead, removed after each test.
 */
public class ServiceUserIT {
  public static final String USER = "slipway-test-app";

  private Path base;
  private Path outbox;

  @BeforeAll
  public static void serviceUserExists() throws Exception {
    Process lookup = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true).start();
    if (lookup.waitFor() != 0) {
      Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", USER).inheritIO().start();
      assertThat(add.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // 9: created meanwhile by a parallel run; anything else is a real failure.
      assertThat(add.exitValue()).isIn(0, 9);
    }
  }

  @BeforeEach
  void traversableFolders() throws IOException {
    base = Files.createTempDirectory(Path.of("/tmp"), "slipway-service-user-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    outbox = Files.createDirectory(base.resolve("outbox"));
    Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @AfterEach
  void cleanUp() throws IOException {
    TestRoot.assertNoChildProcessesLeft();
    FileTrees.deleteRecursively(base);
  }

  @Test
  void installScriptsAndServerRunAsTheServiceUserAndCannotWriteIntoTheRootOrTheRelease() throws Exception {
    Path root = base.resolve("root");
    Path envFile = envFile();

    InstallResult result = install(archive("a1", ""), root, AppUser.named(USER), envFile);

    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    assertThat(uid).as("these tests run as root").isZero();
    String userUid = String.valueOf(uidOf(USER));
    assertThat(Files.readString(outbox.resolve("postinstall-uid"))).isEqualTo(userUid).isNotEqualTo("0");
    assertThat(Files.readString(outbox.resolve("server-uid"))).isEqualTo(userUid);
    assertThat(Files.readString(outbox.resolve("postinstall-wrote-root"))).isEqualTo("EACCES");
    assertThat(Files.readString(outbox.resolve("server-wrote-root"))).isEqualTo("EACCES");
    assertThat(Files.readString(outbox.resolve("server-wrote-release"))).isEqualTo("EACCES");
    assertThat(root.resolve("pwned")).doesNotExist();

    Path release = root.resolve("releases").resolve(result.releaseId());
    assertThat(Files.getAttribute(release.resolve("node_modules"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .as("node_modules is root's again after npm ci").isEqualTo(0);
    assertThat(Files.getAttribute(release.resolve("node_modules/.package-lock.json"), "unix:uid")).isEqualTo(0);
    Path env = release.resolve(".env.production");
    assertThat(Files.getAttribute(env, "unix:uid")).isEqualTo(0);
    assertThat(Files.getAttribute(env, "unix:gid")).isEqualTo(gidOf(USER));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-r-----");
    assertThat(Files.getAttribute(release.resolve(".next/cache"), "unix:uid")).isEqualTo(uidOf(USER));
    assertThat(Files.readString(root.resolve(".slipway/config.json"))).contains("\"serviceUser\":\"" + USER + "\"");

    // The next install needs no flag: the root remembers its user; so does doctor's entry check.
    clearOutbox();
    install(archive("b2", ""), root, AppUser.UNSET, envFile);
    assertThat(Files.readString(outbox.resolve("server-uid"))).isEqualTo(userUid);
    clearOutbox();
    DoctorReport report = new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(DoctorRequest.of(root));
    assertThat(report.find("entry").orElseThrow().verdict()).isEqualTo(Verdict.OK);
    assertThat(Files.readString(outbox.resolve("server-uid"))).isEqualTo(userUid);
    // A rollback rewrites the target's .env.production from the shared env file: still readable by the user only.
    Files.writeString(root.resolve("shared/.env.production"), "GREETING=rotated\n");
    RollbackResult back = new Rollback(Reporter.SILENT, InstallerEndToEndIT.ENV, Clock.systemUTC())
        .rollback(RollbackRequest.of(root));
    Path rolledBackEnv = root.resolve("releases").resolve(back.toReleaseId()).resolve(".env.production");
    assertThat(Files.readString(rolledBackEnv)).isEqualTo("GREETING=rotated\n");
    assertThat(Files.getAttribute(rolledBackEnv, "unix:gid")).isEqualTo(gidOf(USER));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rolledBackEnv))).isEqualTo("rw-r-----");
  }

  @Test
  void rootWithoutAServiceUserIsRefusedBeforeNpmCiAndTheLiveReleaseStaysLive() throws Exception {
    Path root = base.resolve("root");
    Path envFile = envFile();
    InstallResult first = install(archive("a1", ""), root, AppUser.ROOT_ALLOWED, envFile);
    assertThat(Files.readString(outbox.resolve("postinstall-uid"))).as("--allow-root-app ran it as root").isEqualTo("0");
    assertThat(first.warnings()).anyMatch(w -> w.contains("--allow-root-app"));
    HistoryEntry allowed = new History(root.resolve("history.jsonl")).readAll().get(0);
    assertThat(allowed.result()).isEqualTo(HistoryEntry.OK);
    assertThat(allowed.causeCode()).isEqualTo("APP_RAN_AS_ROOT");
    clearOutbox();

    SlipwayException refused = catchThrowableOfType(
        () -> install(archive("b2", ""), root, AppUser.UNSET, envFile), SlipwayException.class);

    assertThat(refused.kind()).isEqualTo(FailureKind.APP_USER);
    assertThat(refused.causeCode()).isEqualTo("APP_WOULD_RUN_AS_ROOT");
    assertThat(refused.fix()).contains("--service-user", "useradd --system --no-create-home app", "--allow-root-app");
    assertThat(Files.readSymbolicLink(root.resolve("current")).getFileName().toString()).isEqualTo(first.releaseId());
    try (Stream<Path> written = Files.list(outbox)) {
      assertThat(written).as("nothing of the archive ran").isEmpty();
    }
    List<HistoryEntry> history = new History(root.resolve("history.jsonl")).readAll();
    assertThat(history.get(history.size() - 1).causeCode()).isEqualTo("APP_WOULD_RUN_AS_ROOT");

    CheckResult entry = new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(DoctorRequest.of(root))
        .find("entry").orElseThrow();
    assertThat(entry.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(entry.detail()).startsWith("not started").contains("root");
    try (Stream<Path> written = Files.list(outbox)) {
      assertThat(written).as("doctor started nothing as root").isEmpty();
    }
  }

  /** Issue #20: doctor's npm ls reads the release's .npmrc and package files; it ran as root. */
  @Test
  void doctorsNpmLsRunsAsTheServiceUser() throws Exception {
    Path root = base.resolve("root");
    install(archive("a1", ""), root, AppUser.named(USER), envFile());
    Path npm = base.resolve("npm-that-says-who-runs-it");
    Files.writeString(npm, "#!/bin/sh\nid -u > '" + outbox.resolve("npm-uid") + "'\nexec '" + onPath("npm") + "' \"$@\"\n");
    Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));

    DoctorReport report = new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(new DoctorRequest(
        root, java.util.Optional.empty(), "node", npm.toString(), List.of(), List.of(), DoctorRequest.DEFAULT_START_TIMEOUT,
        AppUser.UNSET));

    CheckResult dependencies = report.find("dependencies").orElseThrow();
    assertThat(dependencies.verdict()).as(dependencies.detail()).isEqualTo(Verdict.OK);
    assertThat(Files.readString(outbox.resolve("npm-uid")).strip()).isEqualTo(String.valueOf(uidOf(USER)));
  }

  @Test
  void doctorLoadsNativeModulesAsTheServiceUser() throws Exception {
    Path root = base.resolve("root");
    install(archive("a1", ""), root, AppUser.named(USER), envFile());
    // Loading an addon runs its code (issue #20): an addon of the live release, and a node that
    // says who loads it.
    Path addon = root.resolve("current/node_modules/slipway-fake-addon/build/Release/fake.node");
    Files.createDirectories(addon.getParent());
    Files.writeString(addon, "not really an addon");
    Path node = base.resolve("node-that-says-who-loads-addons");
    Files.writeString(node, "#!/bin/sh\ncase \"$*\" in *fake.node*) id -u > '" + outbox.resolve("node-uid") + "' ;; esac\n"
        + "exec '" + onPath("node") + "' \"$@\"\n");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));

    DoctorReport report = new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC()).examine(new DoctorRequest(
        root, java.util.Optional.empty(), node.toString(), "npm", List.of(), List.of(), DoctorRequest.DEFAULT_START_TIMEOUT,
        AppUser.UNSET));

    CheckResult nativeModules = report.find("native-modules").orElseThrow();
    assertThat(nativeModules.detail()).contains("fake.node");
    assertThat(Files.readString(outbox.resolve("node-uid")).strip()).isEqualTo(String.valueOf(uidOf(USER)));
  }

  private static Path onPath(String program) {
    return Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
        .findFirst().orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
  }

  @Test
  void aServiceUserThatDoesNotExistIsRefusedByName() throws Exception {
    SlipwayException refused = catchThrowableOfType(
        () -> install(archive("a1", ""), base.resolve("root"), AppUser.named("slipway-no-such-user"), envFile()),
        SlipwayException.class);

    assertThat(refused.kind()).isEqualTo(FailureKind.APP_USER);
    assertThat(refused.causeCode()).isEqualTo("SERVICE_USER_UNKNOWN");
    assertThat(refused.getMessage()).contains("slipway-no-such-user");
  }

  @Test
  void anEnvFileTheServiceUserCannotReadFailsTheSmokeStartNamingTheFile() throws Exception {
    Path root = base.resolve("root");
    // As if the operator's tooling reset the mode after the installer set it: root-only.
    StepHook lockEnvFile = step -> {
      if (step == Step.SMOKE) {
        try (Stream<Path> staging = Files.list(root)) {
          Path env = staging.filter(p -> p.getFileName().toString().startsWith(".staging")).findFirst().orElseThrow()
              .resolve(".env.production");
          Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };

    SlipwayException failed = catchThrowableOfType(
        () -> new Installer(Reporter.SILENT, InstallerEndToEndIT.ENV, Clock.systemUTC(), lockEnvFile)
            .install(request(archive("a1", "require('fs').readFileSync(require('path').join(__dirname, '.env.production'));\n"),
                root, AppUser.named(USER), envFile())),
        SlipwayException.class);

    assertThat(failed.kind()).isEqualTo(FailureKind.SMOKE_FAILED);
    assertThat(failed.causeCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(failed.getMessage()).contains(".env.production").contains("EACCES");
    assertThat(root.resolve("current")).doesNotExist();
  }

  private InstallResult install(Path archive, Path root, AppUser user, Path envFile) throws IOException {
    return new Installer(Reporter.SILENT, InstallerEndToEndIT.ENV, Clock.systemUTC(), StepHook.NONE)
        .install(request(archive, root, user, envFile));
  }

  private static InstallRequest request(Path archive, Path root, AppUser user, Path envFile) {
    // The archives claim Node 20; the host's Node may be newer.
    return InstallRequest.of(archive, root).withNode("node", true).withEnvFile(envFile).withAppUser(user);
  }

  private Path envFile() throws IOException {
    Path file = base.resolve("app.env");
    Files.writeString(file, "GREETING=hello\n");
    return file;
  }

  private void clearOutbox() throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  /**
   * A crafted archive: a {@code file:} dependency (npm ci needs no registry), a root postinstall
   * and a server.js that record their uid and try to write into ROOT and into the release.
   */
  private Path archive(String name, String serverPrelude) throws IOException {
    SortedMap<String, ArchiveSource> files = new TreeMap<>();
    String deps = ",\"dependencies\":{\"tiny\":\"file:vendor/tiny\"}";
    text(files, "package.json", "{\"name\":\"crafted\",\"version\":\"1.0.0\"" + deps
        + ",\"scripts\":{\"postinstall\":\"node postinstall.js\"}}\n");
    String lock = "{\"name\":\"crafted\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{"
        + "\"\":{\"name\":\"crafted\",\"version\":\"1.0.0\",\"hasInstallScript\":true" + deps + "},"
        + "\"node_modules/tiny\":{\"resolved\":\"vendor/tiny\",\"link\":true},\"vendor/tiny\":{\"version\":\"1.0.0\"}}}\n";
    text(files, "package-lock.json", lock);
    text(files, "vendor/tiny/package.json", "{\"name\":\"tiny\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
    text(files, "vendor/tiny/index.js", "module.exports = () => 'ok';\n");
    String probe = """
        const fs = require('fs'), path = require('path');
        const outbox = %s;
        function tryWrite(file, label) {
          try { fs.writeFileSync(file, 'pwned'); fs.writeFileSync(path.join(outbox, label), 'WROTE'); }
          catch (e) { fs.writeFileSync(path.join(outbox, label), e.code); }
        }
        """.formatted(jsString(outbox.toString()));
    text(files, "postinstall.js", probe + """
        fs.writeFileSync(path.join(outbox, 'postinstall-uid'), String(process.getuid()));
        tryWrite(path.join(__dirname, '..', 'pwned'), 'postinstall-wrote-root');
        """);
    text(files, ".next/BUILD_ID", name);
    text(files, ".next/static/chunks/main.js", "console.log('main');\n");
    text(files, "server.js", serverPrelude + probe + """
        fs.writeFileSync(path.join(outbox, 'server-uid'), String(process.getuid()));
        tryWrite(path.join(__dirname, '..', 'pwned'), 'server-wrote-root');
        tryWrite(path.join(__dirname, 'pwned'), 'server-wrote-release');
        const tiny = require('tiny');
        require('http').createServer((req, res) => res.end(tiny()))
          .listen(Number(process.env.PORT), process.env.HOSTNAME);
        """);
    Manifest.Header header = new Manifest.Header(Manifest.formatVersionFor(List.of()), new Manifest.App("crafted", "1.0.0"),
        name, null, new Manifest.BuiltWith("v20.11.1", "10.2.4", "16.4.6", "linux", "x64", "115"), ">=20",
        new Manifest.Start("none", "server.js", null),
        new Manifest.Lockfile("package-lock.json", Sha256.of(lock.getBytes(StandardCharsets.UTF_8))), List.of());
    Path archive = base.resolve(name + "-" + System.nanoTime() + ".tar.gz");
    ReproducibleArchiveWriter.Result written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(archive, files, header, ReproducibleArchiveWriter.Progress.NONE);
    Sidecar.write(archive, written.sha256());
    return archive;
  }

  private static String jsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static void text(SortedMap<String, ArchiveSource> files, String path, String content) {
    files.put(path, ArchiveSource.bytes(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static int uidOf(String user) throws Exception {
    return Integer.parseInt(idOf(user, "-u"));
  }

  private static int gidOf(String user) throws Exception {
    return Integer.parseInt(idOf(user, "-g"));
  }

  private static String idOf(String user, String flag) throws Exception {
    Process id = new ProcessBuilder("id", flag, user).start();
    String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(id.waitFor()).isZero();
    return out;
  }
}
