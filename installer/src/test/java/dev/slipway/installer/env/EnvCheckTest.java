package dev.slipway.installer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCheckTest {
  static final EnvManifest NEEDS_GREETING = new EnvManifest(List.of("GREETING"), List.of(), List.of(), List.of());

  @TempDir Path tmp;

  @Test
  void anEnvFileThatIsNotUtf8IsAnEnvRefusalNamingTheFile() throws Exception {
    Path file = tmp.resolve("latin1.env");
    Files.write(file, new byte[] {'G', 'R', 'E', 'E', 'T', 'I', 'N', 'G', '=', 'c', 'a', 'f', (byte) 0xE9, '\n'});

    SlipwayException refusal = catchThrowableOfType(() -> EnvFile.read(file), SlipwayException.class);

    assertThat(refusal.kind()).isEqualTo(FailureKind.ENV_MISSING);
    assertThat(refusal.causeCode()).isEqualTo("ENV_FILE_NOT_UTF8");
    assertThat(refusal.getMessage()).isEqualTo("the env file " + file + " is not UTF-8 text").doesNotContain("caf");
    assertThat(refusal.fix()).contains("save " + file + " as UTF-8");
  }

  @Test
  void aMissingNameWithNoEnvFileAnywhereSaysInASentenceWhereToCreateIt() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Files.deleteIfExists(root.defaultEnvFile());
    EnvSource source = ReleaseEnvironment.source(root, Optional.empty());

    SlipwayException refusal = catchThrowableOfType(
        () -> EnvCheck.check(NEEDS_GREETING, Map.of(), source.read(), source), SlipwayException.class);

    assertThat(refusal.kind()).isEqualTo(FailureKind.ENV_MISSING);
    assertThat(refusal.getMessage()).isEqualTo("required environment variable GREETING is not set (checked the environment and "
        + root.defaultEnvFile() + ", which does not exist)");
    assertThat(refusal.fix()).isEqualTo("add GREETING=... to " + root.defaultEnvFile()
        + " (the file does not exist yet; create it with mode 0600) or pass --env-file FILE, then run again")
        .doesNotContain("(absent)");
  }

  @Test
  void aMissingNameInAnExistingEnvFileNamesThatFile() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Files.writeString(root.defaultEnvFile(), "OTHER=1\n");
    EnvSource source = ReleaseEnvironment.source(root, Optional.empty());
    EnvManifest two = new EnvManifest(List.of("API_KEY", "GREETING"), List.of(), List.of(), List.of());

    SlipwayException refusal = catchThrowableOfType(
        () -> EnvCheck.check(two, Map.of(), source.read(), source), SlipwayException.class);

    assertThat(refusal.fix()).isEqualTo("add API_KEY=..., GREETING=... to " + root.defaultEnvFile()
        + " (one NAME=value line each), or set them in the installer's environment, then run again");
  }

  @Test
  void rollbackFallsBackToTheReleasesOwnEnvFileOnlyWhenNoNewerOneExists() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp, true);
    Files.deleteIfExists(root.defaultEnvFile());
    Path release = Files.createDirectories(root.releaseDir("20261205T120000Z-abc"));
    Files.writeString(release.resolve(".env.production"), "GREETING=kept\n");

    EnvSource own = ReleaseEnvironment.sourceFor(root, Optional.empty(), release);
    assertThat(own.origin()).isEqualTo(EnvSource.Origin.RELEASE);
    assertThat(own.file()).contains(release.resolve(".env.production"));
    assertThat(EnvCheck.check(NEEDS_GREETING, Map.of(), own.read(), own)).isEmpty();

    Files.writeString(root.defaultEnvFile(), "GREETING=rotated\n");
    assertThat(ReleaseEnvironment.sourceFor(root, Optional.empty(), release).origin()).isEqualTo(EnvSource.Origin.SHARED);
  }
}
