package dev.slipway.installer.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.process.NpmCi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** npm ci gets the variables the release's .npmrc references (issue #16, item 4), and no others. */
class NpmrcEnvironmentTest {
  @TempDir Path release;
  @TempDir Path shared;

  private Path envFile(String text) throws IOException {
    return Files.writeString(shared.resolve(".env.production"), text);
  }

  @Test
  void namesTheNpmrcReferencesComeFromTheEnvFileAndOthersDoNot() throws IOException {
    Files.writeString(release.resolve(".npmrc"), """
        legacy-peer-deps=true
        //npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}
        @acme:registry=https://npm.acme.example/
        //npm.acme.example/:_auth=${ACME_AUTH?}
        literal=\\${NOT_A_REFERENCE}
        """);
    Path env = envFile("""
        GITHUB_PACKAGES_TOKEN="ghp_from_env_file"
        export ACME_AUTH=YWNtZTpzZWNyZXQ=
        DATABASE_URL=postgres://secret
        NOT_A_REFERENCE=x
        """);

    Map<String, String> npm = NpmrcEnvironment.forNpm(release, Optional.of(env), Map.of("PATH", "/usr/bin"));

    assertThat(npm).containsExactlyInAnyOrderEntriesOf(Map.of(
        "GITHUB_PACKAGES_TOKEN", "ghp_from_env_file", "ACME_AUTH", "YWNtZTpzZWNyZXQ="));
  }

  @Test
  void theInstallersEnvironmentWinsOverTheEnvFile() throws IOException {
    Files.writeString(release.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    Path env = envFile("NPM_TOKEN=from-file\n");

    assertThat(NpmrcEnvironment.forNpm(release, Optional.of(env), Map.of("NPM_TOKEN", "from-service", "OTHER", "x")))
        .isEqualTo(Map.of("NPM_TOKEN", "from-service"));
  }

  @Test
  void aReleaseWithoutNpmrcOrWithALinkedOneGivesNpmNothing() throws IOException {
    Path env = envFile("NPM_TOKEN=from-file\n");
    assertThat(NpmrcEnvironment.forNpm(release, Optional.of(env), Map.of("NPM_TOKEN", "x"))).isEmpty();

    Path elsewhere = Files.writeString(shared.resolve("npmrc"), "_authToken=${NPM_TOKEN}\n");
    Files.createSymbolicLink(release.resolve(".npmrc"), elsewhere);
    assertThat(NpmrcEnvironment.forNpm(release, Optional.of(env), Map.of())).isEmpty();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void realNpmCiInterpolatesTheReferencedValueFromTheEnvFile() throws Exception {
    Files.writeString(release.resolve(".npmrc"), "init-author-name=${SLIPWAY_NPMRC_PROBE}\n");
    Files.writeString(release.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"scripts\":{"
        + "\"postinstall\":\"npm config get init-author-name > npmrc-seen.txt\"}}\n");
    Files.writeString(release.resolve("package-lock.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"lockfileVersion\":3,"
        + "\"requires\":true,\"packages\":{\"\":{\"name\":\"app\",\"version\":\"1.0.0\",\"hasInstallScript\":true}}}\n");
    Path env = envFile("SLIPWAY_NPMRC_PROBE=value-from-env-file\n");
    ChildRegistry children = new ChildRegistry(shared.resolve("children.json"));

    new NpmCi(NpmCi.defaultExecutable(), shared.resolve("npm-cache"), Duration.ofMinutes(2), children)
        .run(release, NpmrcEnvironment.forNpm(release, Optional.of(env), Map.of()));

    assertThat(Files.readString(release.resolve("npmrc-seen.txt")).strip()).isEqualTo("value-from-env-file");
    assertThat(Files.readString(NpmCi.logFile(release))).doesNotContain("value-from-env-file");
  }
}
