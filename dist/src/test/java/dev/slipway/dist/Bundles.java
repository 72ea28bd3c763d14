package dev.slipway.dist;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the build wrote the bundles (dist/pom.xml passes the folder and the name to failsafe), and
 * the host without Java the Linux bundle is made for.
 */
final class Bundles {
  private Bundles() {}

  static Path distDir() {
    String configured = System.getProperty("slipway.dist.dir");
    return configured != null ? Path.of(configured) : ExampleApp.repoRoot().resolve("dist/target");
  }

  /** {@code slipway-VERSION}. */
  static String name() {
    String configured = System.getProperty("slipway.dist.name");
    if (configured == null) {
      throw new IllegalStateException("slipway.dist.name is not set: run through Maven (dist/pom.xml sets it)");
    }
    return configured;
  }

  static Path linuxTarGz() {
    return distDir().resolve(name() + "-linux-x64.tar.gz");
  }

  /** What activates dist/pom.xml's linux-x64-bundle profile: a Linux x86-64 JDK. */
  static boolean buildMakesTheLinuxBundle() {
    return System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
  }

  static Path portableZip() {
    return distDir().resolve(name() + ".zip");
  }

  /**
   * A folder of links to every command of this host's usual folders but Java's: what PATH holds
   * on a server with Node and npm and no Java. A command whose real file lies under a JVM's folder
   * (Debian's /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/...) is left out.
   */
  static Path pathWithoutJava(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String folder : new String[] {"/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin"}) {
      Path from = Path.of(folder);
      if (!Files.isDirectory(from)) {
        continue;
      }
      try (Stream<Path> commands = Files.list(from)) {
        for (Path command : (Iterable<Path>) commands::iterator) {
          Path link = dir.resolve(command.getFileName().toString());
          if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(command) && !isJava(command)) {
            Files.createSymbolicLink(link, command);
          }
        }
      }
    }
    return dir;
  }

  /** Removes the links {@link #pathWithoutJava} made, and their folder. */
  static void deleteLinks(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> links = Files.list(dir)) {
      for (Path link : (Iterable<Path>) links::iterator) {
        Files.delete(link);
      }
    }
    Files.delete(dir);
  }

  private static boolean isJava(Path command) {
    try {
      return command.toRealPath().toString().contains("/jvm/") || command.getFileName().toString().startsWith("java");
    } catch (IOException broken) {
      return true;
    }
  }

  /** The environment of a login on that server: this PATH, a HOME, a UTF-8 locale; no JAVA_HOME. */
  static Map<String, String> serverEnv(Path path, Path home) {
    return Map.of("PATH", path.toString(), "HOME", home.toString(), "LANG", "C.UTF-8",
        "NEXT_TELEMETRY_DISABLED", "1", "npm_config_prefer_offline", "true", "npm_config_update_notifier", "false");
  }
}
