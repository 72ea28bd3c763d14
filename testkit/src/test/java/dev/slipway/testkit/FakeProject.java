package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny npm project whose {@code npm run build} behaves as {@code build-config.json} says:
 * writes a random {@code .next/BUILD_ID} after {@code sleepMs}, or fails, and records each
 * start and end in {@code log} and its pid in {@code pidFile}. It has no dependencies, so
 * {@code npm ci} takes a second and needs no network. The config is a source file (so changing
 * it changes the cache key) because a test cannot change the environment of its own JVM.
 */
final class FakeProject {
  private FakeProject() {}

  static Path create(Path dir, Path log, Path pidFile, long sleepMs, boolean fail)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"fake\",\"version\":\"1.0.0\",\"private\":true,"
            + "\"scripts\":{\"build\":\"node build.js\"}}\n");
    Files.writeString(
        dir.resolve("package-lock.json"),
        "{\"name\":\"fake\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
            + "\"packages\":{\"\":{\"name\":\"fake\",\"version\":\"1.0.0\"}}}\n");
    Files.writeString(
        dir.resolve("build.js"),
        String.join(
            "\n",
            "const fs = require('fs');",
            "const c = JSON.parse(fs.readFileSync('build-config.json', 'utf8'));",
            "fs.appendFileSync(c.log, 'start ' + process.pid + '\\n');",
            "fs.writeFileSync(c.pidFile, String(process.pid));",
            "if (c.fail) { console.log('boom: the fake build failed on purpose'); process.exit(3); }",
            "setTimeout(() => {",
            "  fs.mkdirSync('.next', { recursive: true });",
            "  fs.writeFileSync('.next/BUILD_ID', String(Math.random()));",
            "  fs.appendFileSync(c.log, 'end ' + process.pid + '\\n');",
            "}, c.sleepMs);",
            ""));
    configure(dir, log, pidFile, sleepMs, fail);
    return dir;
  }

  static void configure(Path dir, Path log, Path pidFile, long sleepMs, boolean fail)
      throws IOException {
    Files.writeString(
        dir.resolve("build-config.json"),
        String.format(
            "{\"log\":\"%s\",\"pidFile\":\"%s\",\"sleepMs\":%d,\"fail\":%b}%n",
            log, pidFile, sleepMs, fail));
  }

  /**
   * Entry point for a second JVM in {@link CachedBuildTest}: builds {@code args[0]} into cache
   * root {@code args[1]} and prints the resulting BUILD_ID.
   */
  public static void main(String[] args) throws IOException {
    Path target =
        new CachedBuild(Path.of(args[0]), Path.of(args[1]), "fake-built", java.time.Duration.ofMinutes(2))
            .ensureBuilt();
    System.out.println("BUILD_ID=" + Files.readString(target.resolve(".next/BUILD_ID")));
  }
}
