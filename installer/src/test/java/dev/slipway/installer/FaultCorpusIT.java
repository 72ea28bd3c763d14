package dev.slipway.installer;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureText;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.Reporter;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;


/**
 * Issue #5's fault corpus: the real example app with one cause injected each, installed over a
 * live v1. Each must be refused with current untouched, and the first stderr line must carry the
 * cause code the classifier (causes.tsv) gives that fault.
 */
class FaultCorpusIT {
  static final Map<String, String> ENV = Map.of("npm_config_prefer_offline", "true");

  @TempDir static Path tmp;
  static TestRoot root;
  static String v1;
  static ServerSocket busyPort;

  record Fault(String name, String expectedCode, String serverJs) {
    @Override
    public String toString() {
      return name + " -> " + expectedCode;
    }
  }

  @BeforeAll
  static void installV1() throws Exception {
    root = TestRoot.create(tmp.resolve("root"));
    v1 = install(TestArchives.v1(), Duration.ofSeconds(60)).releaseId();
    busyPort = new ServerSocket();
    busyPort.bind(new InetSocketAddress(0));
  }

  @AfterAll
  static void releasePort() throws IOException {
    busyPort.close();
  }

  static InstallResult install(Path archive, Duration smokeTimeout) throws IOException {
    return new Installer(Reporter.SILENT, ENV, Clock.systemUTC(), StepHook.NONE)
        .install(InstallRequest.of(archive, root.path()).withAppUser(AppUser.ROOT_ALLOWED).withSmokeTimeout(smokeTimeout));
  }

  static Stream<Fault> startUpFaults() {
    return Stream.of(
        new Fault("no production build", "NO_PRODUCTION_BUILD", """
            const path = require('path'), fs = require('fs'), os = require('os');
            const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-build-'));
            require('next')({ dev: false, dir: empty }).prepare()
              .then(() => console.log('prepared'))
              .catch((err) => { console.error(err); process.exit(1); });
            """),
        new Fault("app error naming an unset variable", "ENV_VAR_UNSET", """
            if (!process.env.API_SECRET) throw new Error('Missing required environment variable: API_SECRET');
            """),
        new Fault("devDependency needed at run time", "DEV_DEPENDENCY_MISSING", """
            const isNumber = require('is-number');
            require('http').createServer((req, res) => res.end(String(isNumber(1)))).listen(process.env.PORT);
            """),
        new Fault("module missing at run time", "MODULE_MISSING", """
            require('left-pad');
            """),
        new Fault("native module built for another Node", "NATIVE_MODULE_ABI", """
            // Simulated: building a real native module needs node-gyp headers from the network.
            const err = new Error("The module '" + __dirname + "/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\\n"
              + 'was compiled against a different Node.js version using\\nNODE_MODULE_VERSION 108. This version of Node.js requires\\n'
              + 'NODE_MODULE_VERSION ' + process.versions.modules + '. Please try re-compiling or re-installing');
            err.code = 'ERR_DLOPEN_FAILED';
            throw err;
            """),
        new Fault("listens on a fixed port that is in use", "FIXED_PORT", """
            require('http').createServer((req, res) => res.end('ok')).listen(%d);
            """.formatted(busyPort.getLocalPort())),
        new Fault("heap exhausted", "HEAP_EXHAUSTED", """
            if (!process.env.CHILD) {
              const child = require('child_process').spawn(process.execPath, ['--max-old-space-size=24', __filename],
                { stdio: 'inherit', env: { ...process.env, CHILD: '1' } });
              child.on('exit', (code, signal) => process.exit(code ?? 134));
            } else {
              const hog = [];
              for (;;) hog.push(new Array(100000).fill('x'));
            }
            """),
        new Fault("browser API during server rendering", "BROWSER_API_ON_SERVER", """
            const theme = window.localStorage.getItem('theme');
            """),
        new Fault("database unreachable", "SERVICE_UNREACHABLE", """
            require('net').connect(9, '127.0.0.1').on('error', (err) => { throw err; });
            """),
        new Fault("never listens", "NEVER_LISTENS", """
            setInterval(() => {}, 1000);
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("startUpFaults")
  void eachStartUpFaultIsRefusedWithItsCause(Fault fault) throws Exception {
    Path archive = TestArchives.withServerJs("fault-" + fault.name().replace(' ', '-'), fault.serverJs());
    assertRefusedWith(fault.expectedCode(), () -> install(archive, Duration.ofSeconds(10)));
  }

  @Test
  void npmCiRefusingAPackageJsonOutOfSyncWithTheLockIsNamed() throws Exception {
    Path archive = rebuiltWithChangedPackageJson(TestArchives.v1(), tmp.resolve("out-of-sync"));
    SlipwayException refusal = assertRefusedWith("LOCKFILE_OUT_OF_SYNC", () -> install(archive, Duration.ofSeconds(10)));
    assertThat(refusal.evidence()).contains("in sync");
  }

  private static SlipwayException assertRefusedWith(String code, ThrowingRunnable install) throws IOException {
    List<String> releasesBefore = root.releases();
    SlipwayException refusal = (SlipwayException) catchThrowable(install::run);

    assertThat(refusal).as("refused").isNotNull();
    List<String> stderr = FailureText.lines(refusal);
    assertThat(stderr.get(0)).as(String.join("\n", stderr)).startsWith("error: " + code + ": ");
    assertThat(stderr).as("a fix is given").anyMatch(line -> line.startsWith("fix: "));
    assertThat(root.live()).contains(v1);
    assertThat(root.releases()).isEqualTo(releasesBefore);
    root.assertNoStagingLeft();
    TestRoot.assertNoChildProcessesLeft();
    return refusal;
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * The packager refuses a package.json out of sync with its lock, so this archive is rebuilt by
   * hand from a real one: what a hand-edited release would look like.
   */
  static Path rebuiltWithChangedPackageJson(Path archive, Path dir) throws IOException {
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    try (InputStream in = Files.newInputStream(archive)) {
      SafeArchiveReader.extract(in, unpacked, SafeArchiveReader.Progress.NONE);
    }
    Manifest manifest = Json.mapper().readValue(unpacked.resolve(ArchiveLayout.MANIFEST).toFile(), Manifest.class);
    Path pkg = unpacked.resolve("package.json");
    Files.writeString(pkg, Files.readString(pkg).replace("\"dependencies\": {", "\"dependencies\": {\n    \"left-pad\": \"^1.3.0\","));
    SortedMap<String, ArchiveSource> sources = new TreeMap<>();
    for (var file : manifest.files()) {
      sources.put(file.path(), ArchiveSource.file(unpacked.resolve(file.path()), file.executable()));
    }
    Path target = dir.resolve("out-of-sync.tar.gz");
    var written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME).write(target, sources,
        manifest.header(),
        ReproducibleArchiveWriter.Progress.NONE);
    Sidecar.write(target, written.sha256());
    assertThat(Sha256.of(target)).isEqualTo(written.sha256());
    return target;
  }
}
