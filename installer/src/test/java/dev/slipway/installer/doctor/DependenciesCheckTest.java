package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.NodeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real npm, offline: npm ls reads only package.json files. */
class DependenciesCheckTest {
  @TempDir Path tmp;

  private FakeRelease installed() throws Exception {
    return FakeRelease.create(tmp)
        .file("package.json", "{\"name\":\"fake-app\",\"version\":\"1.0.0\",\"dependencies\":{\"left-pad\":\"1.3.0\"},"
            + "\"devDependencies\":{\"is-number\":\"7.0.0\"}}")
        .file("node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}");
  }

  private static CheckResult check(FakeRelease release) throws Exception {
    return new DependenciesCheck(NodeTools.defaultNpm()).run(release.open());
  }

  @Test
  void everyProductionDependencyInstalledIsOkWithoutDevDependencies() throws Exception {
    CheckResult result = check(installed());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
  }

  @Test
  void removedDependencyFailsQuotingNpm() throws Exception {
    FakeRelease release = installed();
    Files.delete(release.dir.resolve("node_modules/left-pad/package.json"));
    Files.delete(release.dir.resolve("node_modules/left-pad"));

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("npm ls --omit=dev --all exited with 1: missing: left-pad@1.3.0, required by fake-app@1.0.0");
    assertThat(result.evidence()).contains("missing: left-pad@1.3.0").doesNotContain("ELSPROBLEMS").doesNotContain("complete log");
    assertThat(result.fix()).contains("install the archive again");
  }

  @Test
  void dependencyAtAnotherVersionFails() throws Exception {
    FakeRelease release = installed().file("node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.1.0\"}");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("invalid: left-pad@1.1.0");
  }

  @Test
  void releaseWithoutNodeModulesFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("package.json", "{\"name\":\"fake-app\",\"version\":\"1.0.0\"}");

    CheckResult result = check(release);

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("no node_modules");
  }
}
