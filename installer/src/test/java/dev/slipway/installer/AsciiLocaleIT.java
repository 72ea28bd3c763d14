package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers under a locale without UTF-8 (issue #20): cron and containers often run with
 * LC_ALL=C or no LANG at all, where Java could not name public/café.txt (InvalidPathException).
 */
class AsciiLocaleIT {
  private static final Path REPO = ExampleApp.repoRoot();
  private static final Path TRAINING = REPO.resolve("installer/src/cds/cds-training-1.0.0-training.tar.gz");

  @TempDir Path tmp;

  record Run(int exitCode, String output) {}

  @Test
  void theLaunchersPackageAndVerifyANonAsciiFileNameUnderLcAllC() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    assertThat(run(List.of("tar", "xzf", TRAINING.toString(), "-C", app.toString())).exitCode()).isZero();
    dev.slipway.installer.layout.FileTrees.deleteRecursively(app.resolve(".deploy"));
    Files.delete(app.resolve("web.config"));
    Files.writeString(app.resolve("public/caf\u00e9.txt"), "bonjour\n");

    Run pack = run(List.of("sh", REPO.resolve("bin/packager").toString(), "package", "--out", tmp.resolve("out").toString(), app.toString()));
    // Without the launcher's locale the packager stopped on "Malformed input ... public/caf??.txt".
    assertThat(pack.exitCode()).as(pack.output()).isZero();
    assertThat(pack.output()).doesNotContain("Malformed input");
    Path archive = tmp.resolve("out/cds-training-1.0.0-training.tar.gz");

    Run verify = run(List.of("sh", REPO.resolve("bin/installer").toString(), "verify", archive.toString()));
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("ok: cds-training 1.0.0");
  }

  private Run run(List<String> command) throws IOException, InterruptedException {
    Path out = tmp.resolve("out-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    env.remove("LANG");
    env.remove("LC_CTYPE");
    env.put("LC_ALL", "C");
    // The launcher runs `java` from PATH: make it the one running these tests.
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    env.put("PATH", javaBin + java.io.File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
