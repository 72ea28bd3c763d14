package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.installer.preflight.NodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeVersionCheckTest {
  @TempDir Path tmp;
  static NodeRuntime host;

  @BeforeAll
  static void probeHost() throws Exception {
    host = NodeRuntime.probe("node");
  }

  private CheckResult check(String engines, String builtWith) throws Exception {
    return check(FakeRelease.create(tmp).manifest(engines, builtWith, "server.js"), "node");
  }

  private CheckResult check(FakeRelease release, String node) throws Exception {
    return new NodeVersionCheck(node).run(release.open());
  }

  @Test
  void hostNodeWithinEnginesAndOfTheBuildsMajorIsOk() throws Exception {
    CheckResult result = check(">=" + host.major(), "v" + host.version());

    assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.OK);
    assertThat(result.detail()).isEqualTo("v" + host.version() + " satisfies engines.node \">=" + host.major()
        + "\" and has the build's major (built with v" + host.version() + ")");
  }

  @Test
  void releaseBuiltWithAnotherMajorFailsAsInstallWouldRefuseIt() throws Exception {
    CheckResult result = check((String) null, "v" + (host.major() - 1) + ".9.0");

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("is not the major version the release was built with");
    assertThat(result.fix()).contains("install Node.js " + (host.major() - 1) + ".x");
  }

  @Test
  void aShippedReleaseThisHostNoLongerMatchesFailsAsARollbackToItWouldBeRefused() throws Exception {
    String otherLibc = host.libc().equals("musl") ? "glibc" : "musl";
    FakeRelease release = FakeRelease.create(tmp).file("server.js", "//").shippedManifest(
        new ShippedDependencies(ShippedDependencies.STANDALONE, otherLibc, List.of("node_modules/x/x.node")),
        new Manifest.BuiltWith("v" + host.version(), "10.0.0", "15.0.0", host.platform(), host.arch(), "1"));

    CheckResult result = check(release, "node");

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("C library " + otherLibc + " (build) vs " + host.libc(), "Node ABI 1 (build)");
    assertThat(result.evidence()).contains("node_modules/x/x.node");
    assertThat(result.fix()).startsWith("build on the target's platform");
  }

  @Test
  void aShippedReleaseBuiltOnThisPlatformIsOk() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file("server.js", "//").shippedManifest(
        new ShippedDependencies(ShippedDependencies.STANDALONE, host.libc(), List.of("node_modules/x/x.node")),
        new Manifest.BuiltWith("v" + host.version(), "10.0.0", "15.0.0", host.platform(), host.arch(), host.modulesAbi()));

    assertThat(check(release, "node").verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void hostOutsideEnginesNodeFails() throws Exception {
    CheckResult result = check(">=99", "v" + host.version());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("does not satisfy engines.node \">=99\"");
  }

  @Test
  void nodeThatCannotBeRunFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).manifest(null, "v" + host.version(), "server.js");

    CheckResult result = check(release, tmp.resolve("no/node").toString());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains("Node.js could not be run");
  }

  @Test
  void releaseWithoutManifestWarnsThatThereIsNothingToCompare() throws Exception {
    CheckResult result = check(FakeRelease.create(tmp), "node");

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.detail()).contains("Node.js " + host.version()).contains("no manifest");
  }

  @Test
  void unreadableManifestFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp).file(".deploy/manifest.json", "{ not json");

    CheckResult result = check(release, "node");

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).contains(".deploy/manifest.json cannot be read");
    assertThat(Files.exists(release.dir.resolve(".deploy/manifest.json"))).isTrue();
  }
}
