package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20: a failed live check when {@code current} named a release deleted by hand. Switching
 * back to it failed, which left the failing release live and unmarked, history said "refused" and
 * the fix named `installer status`, which does not exist.
 */
class LiveCheckFallbackIT {
  @TempDir Path tmp;
  Root root;
  Path logs;
  HttpServer broken;

  @BeforeEach
  void start() throws IOException {
    root = Root.create(tmp.resolve("root"));
    logs = tmp.resolve("logs");
    // What the live service answers once it runs the new release: a 500, which fails the live check at once.
    broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    broken.createContext("/", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    broken.start();
  }

  @AfterEach
  void stop() {
    broken.stop(0);
    root.killProcesses();
  }

  @Test
  void withThePreviousReleaseGoneAFailedLiveCheckFallsBackToTheNewestGoodRelease() throws Exception {
    String a1 = install("a1");
    String b2 = install("b2");
    FileTrees.deleteRecursively(root.path().resolve("releases").resolve(b2)); // current now dangles

    Cli.Result failed = installFailingLiveCheck("c3");

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(26);
    String c3 = root.releases().stream().filter(id -> id.endsWith("-c3")).findFirst().orElseThrow();
    assertThat(root.live()).as("the newest good release is live").contains(a1);
    assertThat(failed.errorLine()).as(failed.toString()).startsWith("error: LIVE_CHECK_FAILED: live check failed: ")
        .contains(b2 + ", no longer exists").contains("rolled back to " + a1).contains("marked " + c3 + " bad");
    assertThat(catalog().find(c3).orElseThrow().bad()).as(c3 + " marked bad").isTrue();
    int lines = root.history().size();
    Root.assertHistoryLine(root.history().get(lines - 1), "install", "rolled-back", "live", "LIVE_CHECK_FAILED");
    assertThat(root.serveCurrent(logs)).contains("tiny a1");
  }

  @Test
  void withNoGoodReleaseLeftAFailedLiveCheckSaysTheNewReleaseStaysLiveMarkedBad() throws Exception {
    String a1 = install("a1");
    FileTrees.deleteRecursively(root.path().resolve("releases").resolve(a1));

    Cli.Result failed = installFailingLiveCheck("b2");

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(31);
    String b2 = root.requireLive();
    assertThat(b2).endsWith("-b2");
    assertThat(failed.errorLine()).as(failed.toString())
        .contains(a1 + ", no longer exists and no other good release is left, so " + b2 + " stays live (marked bad)");
    assertThat(failed.stderrText()).contains("fix: ").contains("`installer list --root ROOT`").doesNotContain("installer status");
    assertThat(catalog().find(b2).orElseThrow().bad()).isTrue();
    int lines = root.history().size();
    Root.assertHistoryLine(root.history().get(lines - 1), "install", "failed-live", "live", "LIVE_CHECK_FAILED");
  }

  private String install(String id) {
    Cli.Result result = Cli.run(logs, "install", TinyApps.archive(id).toString(), "--root", root.arg());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return root.requireLive();
  }

  private Cli.Result installFailingLiveCheck(String id) {
    return Cli.run(logs, "install", TinyApps.archive(id).toString(), "--root", root.arg(),
        "--live-url", "http://127.0.0.1:" + broken.getAddress().getPort() + "/", "--live-timeout", "10");
  }

  private ReleaseCatalog catalog() throws IOException {
    return ReleaseCatalog.scan(ReleaseRoot.open(root.path(), false));
  }
}
