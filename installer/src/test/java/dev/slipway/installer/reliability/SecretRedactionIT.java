package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20, section 3: an app that prints a secret (from the env file, or a declared variable
 * from the installer's environment) must not get it into our stderr, our {@code --json}, history
 * or any log we keep; those logs are 0600 in 0700 folders.
 */
class SecretRedactionIT {
  static final String PASSWORD = "hunter2-db-Pa55word";
  static final String TOKEN = "tok-0123456789abcdef";

  /** Reads DB_PASSWORD from .env.production as Next.js would, and prints both secrets. */
  static String serverJs(boolean fail) {
    return """
        const fs = require('fs');
        const path = require('path');
        const http = require('http');
        const line = fs.readFileSync(path.join(__dirname, '.env.production'), 'utf8')
          .split('\\n').find(l => l.startsWith('DB_PASSWORD='));
        const password = line.slice('DB_PASSWORD='.length);
        console.log('connecting with ' + password + ' and ' + process.env.API_TOKEN);
        if (%s) {
          throw new Error('cannot connect with ' + password + ' and token ' + process.env.API_TOKEN);
        }
        http.createServer((req, res) => res.end('ok\\n')).listen(process.env.PORT, process.env.HOSTNAME);
        """.formatted(fail);
  }

  static Path archive(boolean fail) {
    return TinyApps.archive(fail ? "leaks-and-fails" : "leaks-and-runs", fail ? "leakfail" : "leakrun", project -> {
      TinyApps.write(project.resolve("server.js"), serverJs(fail));
      TinyApps.write(project.resolve(".env.example"), "DB_PASSWORD=\nAPI_TOKEN= # optional\n");
    });
  }

  @TempDir Path tmp;
  Root root;

  @AfterEach
  void killLeftovers() {
    if (root != null) {
      root.killProcesses();
    }
  }

  @Test
  void aSecretTheAppPrintsWhenItFailsReachesNoOutputHistoryOrKeptLog() throws Exception {
    root = withEnvFile(tmp.resolve("root"));

    Cli.Result install = Cli.run(tmp.resolve("logs"), Map.of("API_TOKEN", TOKEN),
        "install", archive(true).toString(), "--root", root.arg(), "--json");

    assertThat(install.exitCode()).as(install.toString()).isNotZero();
    assertThat(install.stdout()).as("--json").contains("[redacted:DB_PASSWORD]").doesNotContain(PASSWORD, TOKEN);
    assertThat(install.stderrText()).doesNotContain(PASSWORD, TOKEN);
    assertThat(Files.readString(root.path().resolve("history.jsonl"))).doesNotContain(PASSWORD, TOKEN);
    Path failed = root.path().resolve(".slipway/failed");
    List<Path> kept = filesUnder(failed);
    assertThat(kept).as("kept logs").anyMatch(p -> p.getFileName().toString().equals("smoke.log"));
    for (Path log : kept) {
      assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(PASSWORD, TOKEN);
      assertThat(mode(log)).as(log.toString()).isEqualTo("rw-------");
      assertThat(mode(log.getParent())).as(log.getParent().toString()).isEqualTo("rwx------");
    }
    Path smoke = kept.stream().filter(p -> p.getFileName().toString().equals("smoke.log")).findFirst().orElseThrow();
    assertThat(Files.readString(smoke)).contains("cannot connect with [redacted:DB_PASSWORD] and token [redacted:API_TOKEN]");
    assertThat(mode(failed)).isEqualTo("rwx------");
  }

  @Test
  void aSecretTheAppPrintsAtAGoodStartStaysOutOfTheReleasesLogs() throws Exception {
    root = withEnvFile(tmp.resolve("root"));

    Cli.Result install = Cli.run(tmp.resolve("logs"), Map.of("API_TOKEN", TOKEN),
        "install", archive(false).toString(), "--root", root.arg());

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.stderrText()).doesNotContain(PASSWORD, TOKEN);
    Path logs = root.path().resolve("releases").resolve(root.requireLive()).resolve(".deploy/logs");
    assertThat(mode(logs)).isEqualTo("rwx------");
    List<Path> files = filesUnder(logs);
    assertThat(files).anyMatch(p -> p.getFileName().toString().equals("smoke.log"));
    for (Path log : files) {
      assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(PASSWORD, TOKEN);
      assertThat(mode(log)).as(log.toString()).isEqualTo("rw-------");
    }
    assertThat(Files.readString(logs.resolve("smoke.log"))).contains("connecting with [redacted:DB_PASSWORD]");
  }

  private static Root withEnvFile(Path dir) throws IOException {
    Root root = Root.create(dir);
    Files.writeString(root.path().resolve("shared/.env.production"), "DB_PASSWORD=" + PASSWORD + "\nSHORT=abc\n");
    return root;
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
