package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTest {

  private static Manifest manifest(String node) {
    return new Manifest(1, new Manifest.App("shop", "1.4.2"), "b1d", "2026-03-01T10:15:00Z",
        new Manifest.BuiltWith(node, "10.8.2", "15.1.6", "linux", "x64", "115"), ">=20.9.0",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)),
        List.of(), List.of());
  }

  @Test
  void a_release_context_reads_dependencies_from_package_json_and_the_build_node_from_the_manifest(
      @TempDir Path release) throws Exception {
    Files.writeString(release.resolve("package.json"), """
        {"name":"shop","dependencies":{"next":"15.1.6","react":"19.0.0"},
         "optionalDependencies":{"sharp":"0.33.5"},
         "devDependencies":{"pino-pretty":"^11.0.0","typescript":"^5"}}
        """);

    Context context = Context.forRelease(release, manifest("v20.11.1").header(), "v20.20.2");

    assertThat(context.dependencies()).containsExactlyInAnyOrder("next", "react", "sharp");
    assertThat(context.devDependencies()).containsExactlyInAnyOrder("pino-pretty", "typescript");
    assertThat(context.buildNodeVersion()).isEqualTo("v20.11.1");
    assertThat(context.hostNodeVersion()).isEqualTo("v20.20.2");
    assertThat(context.exitCode()).isNull();
    assertThat(context.port()).isNull();
  }

  @Test
  void a_release_without_a_readable_package_json_has_no_dependencies(@TempDir Path release) throws Exception {
    assertThat(Context.forRelease(release, null, null).dependencies()).isEmpty();

    Files.writeString(release.resolve("package.json"), "{ not json");
    assertThat(Context.forRelease(release, null, null).devDependencies()).isEmpty();
  }

  @Test
  void withers_change_one_fact_and_keep_the_others() {
    Context context = Context.empty().withPort(41873).withExitCode(134);

    assertThat(context.port()).isEqualTo(41873);
    assertThat(context.exitCode()).isEqualTo(134);
    assertThat(new Context(null, null, null, null, null, null).dependencies()).isEmpty();
  }
}
