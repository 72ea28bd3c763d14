package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.FileTrees;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import dev.slipway.testkit.Http;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21 with the real example app (Next.js, npm ci, the generated server.js and its graceful
 * SIGTERM) behind a real nginx: an install of version 2 over version 1 fails none of the requests
 * keep-alive clients send meanwhile, nginx then serves version 2, and a chunk only version 1's
 * build had still answers through nginx.
 */
class BlueGreenRealNextIT {
  static final String OLD_CHUNK = "chunks/only-in-v1-5f3c.js";
  @TempDir Path tmp;

  @Test
  void anInstallOfTheRealAppOverItselfFailsNoRequestAndKeepsTheOlderChunk() throws Exception {
    Path v1 = archive("v1", app -> Files.writeString(app.resolve(".next/static/" + OLD_CHUNK), "/* v1 only */\n"));
    Path v2 = archive("v2", app -> {
      Path pkg = app.resolve("package.json");
      Files.writeString(pkg, Files.readString(pkg).replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\""));
    });
    try (BlueGreenRoot bg = BlueGreenRoot.create(tmp)) {
      Files.writeString(bg.root.path().resolve("shared/.env.production"), "GREETING=hello from the env file\n");
      // npm ci runs as the service user, whose npm cache the installer makes its own: a copy of the
      // run's shared cache (root's, behind the link Root.create makes) instead of the link.
      Path cache = bg.root.path().resolve("shared/npm-cache");
      Path shared = cache.toRealPath();
      Files.delete(cache);
      Process cp = new ProcessBuilder("cp", "-a", shared.toString(), cache.toString()).inheritIO().start();
      assertThat(cp.waitFor()).as("cp -a " + shared).isZero();
      Cli.Result first = bg.install(v1);
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(Http.get(bg.nginx.url("/api/health"), Duration.ofSeconds(10)).body()).contains("\"version\":\"1.0.0\"");

      try (Hammer hammer = Hammer.start(bg.nginx.url("/api/health"), 4)) {
        Cli.Result second = Cli.run(bg.logs, "install", v2.toString(), "--root", bg.root.arg());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        Cli.sleep(500);
        hammer.close();
        System.out.println("BlueGreenRealNextIT: 4 keep-alive clients through nginx during the install: " + hammer.ok()
            + " ok, " + hammer.failures().size() + " failed");
        assertThat(hammer.failures()).as(hammer.toString()).isEmpty();
        assertThat(hammer.bodies().keySet()).anySatisfy(body -> assertThat(body).contains("\"version\":\"2.0.0\""));
      }
      assertThat(Http.get(bg.nginx.url("/api/health"), Duration.ofSeconds(10)).body()).contains("\"version\":\"2.0.0\"");
      var old = Http.get(bg.nginx.url("/_next/static/" + OLD_CHUNK), Duration.ofSeconds(10));
      assertThat(old.status()).isEqualTo(200);
      assertThat(old.body()).isEqualTo("/* v1 only */\n");
      assertThat(bg.runningSlots()).hasSize(1);
    }
  }

  private Path archive(String name, TinyApps.ProjectChange change) throws Exception {
    Path dir = tmp.resolve("archives").resolve(name);
    Path app = ExampleApp.freshCopy(dir.resolve("app"));
    change.apply(app);
    Path archive = new Packager(Reporter.SILENT, new ByteArrayOutputStream())
        .pack(PackageRequest.defaults(app).withOutDir(dir.resolve("out"))).archive();
    FileTrees.deleteRecursively(app);
    return archive;
  }
}
