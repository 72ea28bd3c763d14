package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What npm ci --omit=dev leaves out, as the lockfile says it (issue #16: Turbopack links to it). */
class DevOnlyPackagesTest {
  @TempDir Path tmp;

  @Test
  void readsTheDevFlagOfLockfileVersion3AndOfVersion1() throws IOException {
    Path v3 = Files.writeString(tmp.resolve("v3.json"), """
        { "lockfileVersion": 3, "packages": {
            "node_modules/@scope/tool": { "version": "1.0.0", "dev": true },
            "node_modules/node-cron": { "version": "4.2.1" },
            "node_modules/both": { "version": "1.0.0", "devOptional": true } } }
        """);
    Path v1 = Files.writeString(tmp.resolve("v1.json"), """
        { "lockfileVersion": 1, "dependencies": {
            "tool": { "version": "1.0.0", "dev": true }, "node-cron": { "version": "4.2.1" } } }
        """);

    assertThat(DevOnlyPackages.among(v3, List.of("node-cron", "@scope/tool", "both", "unlisted"))).containsExactly("@scope/tool");
    assertThat(DevOnlyPackages.among(v1, List.of("tool", "node-cron"))).containsExactly("tool");
  }
}
