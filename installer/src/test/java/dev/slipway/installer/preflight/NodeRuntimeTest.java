package dev.slipway.installer.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeTest {

  @TempDir Path dir;

  @Test
  void probeReportsTheNodeOnThePath() throws Exception {
    NodeRuntime node = NodeRuntime.probe("node");

    assertThat(node.version()).matches("\\d+\\.\\d+\\.\\d+").startsWith(node.major() + ".");
    assertThat(node.modulesAbi()).matches("\\d+");
    assertThat(node.platform())
        .isEqualTo(
            OS.current() == OS.WINDOWS ? "win32" : OS.current() == OS.MAC ? "darwin" : "linux");
    assertThat(node.arch()).isIn("x64", "arm64", "arm", "ia32", "ppc64", "s390x");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void probeReportsTheCLibraryOfThisLinuxHost() throws Exception {
    boolean musl;
    try (var lib = Files.list(Path.of("/lib"))) {
      musl = lib.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-"));
    }

    assertThat(NodeRuntime.probe("node").libc()).isEqualTo(musl ? "musl" : "glibc");
  }

  @Test
  void theCLibraryIsGlibcWhenNodeNamesItsVersionMuslByItsLoaderAndNoneOffLinux() throws Exception {
    Path alpineLib = Files.createDirectories(dir.resolve("alpine/lib"));
    Files.writeString(alpineLib.resolve("ld-musl-x86_64.so.1"), "");
    Path bareLib = Files.createDirectories(dir.resolve("bare/lib"));

    assertThat(NodeRuntime.libc("linux", "2.36", bareLib)).isEqualTo("glibc");
    assertThat(NodeRuntime.libc("linux", null, alpineLib)).isEqualTo("musl");
    assertThat(NodeRuntime.libc("linux", null, bareLib)).isEqualTo(NodeRuntime.UNKNOWN_LIBC);
    assertThat(NodeRuntime.libc("linux", null, dir.resolve("no-such-folder"))).isEqualTo(NodeRuntime.UNKNOWN_LIBC);
    assertThat(NodeRuntime.libc("darwin", null, alpineLib)).isEqualTo("none");
    assertThat(NodeRuntime.libc("win32", null, alpineLib)).isEqualTo("none");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aNodeThatAnswersOnlyTheFirstFourItemsStillRuns() throws Exception {
    Path old = fakeNode("echo '[\"18.19.0\",\"108\",\"darwin\",\"arm64\"]'");

    NodeRuntime node = NodeRuntime.probe(old.toString());

    assertThat(node.version()).isEqualTo("18.19.0");
    assertThat(node.libc()).isEqualTo("none");
  }

  @Test
  void nodeThatCannotBeFoundIsNodeNotFound() {
    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NodeRuntime.probe(dir.resolve("bin/node").toString()))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.NODE_PREFLIGHT);
              assertThat(e.causeCode()).isEqualTo("NODE_NOT_FOUND");
              assertThat(e.getMessage()).contains(dir.resolve("bin/node").toString());
            });
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void nodeThatFailsToRunIsUnusableWithItsOutputAsEvidence() throws Exception {
    Path broken =
        fakeNode(
            "echo 'node: error while loading shared libraries: libatomic.so.1: cannot open shared"
                + " object file' >&2; exit 127");

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NodeRuntime.probe(broken.toString()))
        .satisfies(
            e -> {
              assertThat(e.causeCode()).isEqualTo("NODE_UNUSABLE");
              assertThat(e.getMessage()).contains("exited with code 127");
              assertThat(e.evidence()).contains("libatomic.so.1");
            });
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void nodeThatAnswersNonsenseIsUnusable() throws Exception {
    Path odd = fakeNode("echo 'Welcome to Node.js'");

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> NodeRuntime.probe(odd.toString()))
        .satisfies(e -> assertThat(e.causeCode()).isEqualTo("NODE_UNUSABLE"));
  }

  @Test
  void recordRefusesAMajorThatDoesNotMatchItsVersion() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new NodeRuntime("20.1.0", 18, "115", "linux", "x64"));
  }

  private Path fakeNode(String body) throws IOException {
    Path script = Files.writeString(dir.resolve("node"), "#!/bin/sh\n" + body + "\n");
    script.toFile().setExecutable(true);
    return script;
  }
}
