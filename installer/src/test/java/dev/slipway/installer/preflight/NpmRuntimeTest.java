package dev.slipway.installer.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.process.NpmCi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class NpmRuntimeTest {

  @TempDir Path dir;

  @Test
  void probeReportsTheNpmOnThePath() throws Exception {
    NpmRuntime npm = NpmRuntime.probe(NpmCi.defaultExecutable());

    assertThat(npm.version()).matches("\\d+\\.\\d+\\.\\d+.*").startsWith(npm.major() + ".");
  }

  @Test
  void npmThatCannotBeFoundIsNpmNotFound() {
    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NpmRuntime.probe(dir.resolve("npm").toString()))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
              assertThat(e.causeCode()).isEqualTo("NPM_NOT_FOUND");
            });
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void npmWhoseNodeIsMissingIsUnusable() throws Exception {
    // What npm looks like when the node its shebang asks for is not on the PATH.
    Path npm =
        Files.writeString(
            dir.resolve("npm"),
            "#!/bin/sh\necho '/usr/bin/env: node: No such file or directory' >&2\nexit 127\n");
    npm.toFile().setExecutable(true);

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NpmRuntime.probe(npm.toString()))
        .satisfies(
            e -> {
              assertThat(e.causeCode()).isEqualTo("NPM_UNUSABLE");
              assertThat(e.evidence()).contains("node: No such file or directory");
            });
  }
}
