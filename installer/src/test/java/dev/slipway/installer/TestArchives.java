package dev.slipway.installer;

import dev.slipway.format.Reporter;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.Packager;
import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Archives of the real example app, packaged by the real packager, each variant built once per
 * test JVM and shared by every installer test. A variant changes one thing in a copy of the
 * built app (its version, a custom server.js that crashes, ...), the way a real fault would.
 */
final class TestArchives {
  private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

  private TestArchives() {}

  static Path v1() {
    return variant("v1", app -> {});
  }

  static Path v2() {
    return variant("v2", app -> replace(app.resolve("package.json"), "\"version\": \"1.0.0\"", "\"version\": \"2.0.0\""));
  }

  static Path v3() {
    return variant("v3", app -> replace(app.resolve("package.json"), "\"version\": \"1.0.0\"", "\"version\": \"3.0.0\""));
  }

  /** The real app, started by a server.js of our own: to inject start-up faults. */
  static Path withServerJs(String name, String serverJs) {
    return variant("server-" + name, app -> write(app.resolve("server.js"), serverJs));
  }

  static Path variant(String name, Consumer<Path> change) {
    return BUILT.computeIfAbsent(name, key -> {
      try {
        Path dir = ExampleApp.repoRoot().resolve("target/installer-it/archives/" + key);
        if (Files.exists(dir)) {
          dev.slipway.installer.layout.FileTrees.deleteRecursively(dir);
        }
        Path app = ExampleApp.freshCopy(dir.resolve("app"));
        change.accept(app);
        return new Packager(Reporter.SILENT, new ByteArrayOutputStream())
            .pack(PackageRequest.defaults(app).withOutDir(dir.resolve("out")))
            .archive();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static void replace(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      if (!text.contains(from)) {
        throw new IllegalStateException(file + " does not contain " + from);
      }
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
