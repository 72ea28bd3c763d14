package dev.slipway.installer;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.hostile.HostileArchiveReaderTest;
import dev.slipway.installer.archive.ArchiveVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;


/**
 * Issue #6 at the installer's level: every archive of the hostile-archive suite, with a correct
 * sidecar (an attacker who can swap the archive can swap the sidecar too), is refused by
 * {@code install} and {@code verify} with the reader's cause code; {@code current} and the live
 * release are untouched, no staging is left, and nothing appears or changes outside the root's
 * own bookkeeping.
 */
class InstallerRefusesHostileArchivesTest {
  @TempDir Path tmp;

  /**
   * The streamed bombs (gigabytes of zeros compressed on the fly while the reader pulls) are left
   * to the reader's suite: writing them to a file first would deflate gigabytes per case.
   */
  static Stream<HostileArchiveReaderTest.Case> cases() {
    return HostileArchiveReaderTest.cases().filter(hostile -> hostile.maxInflated() < 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void installAndVerifyRefuseItAndTouchNothing(HostileArchiveReaderTest.Case hostile) throws Exception {
    Path root = tmp.resolve("root");
    Path live = Files.createDirectories(root.resolve("releases/20260101T000000Z-live"));
    Files.writeString(live.resolve("index.html"), "live release");
    Files.createSymbolicLink(root.resolve("current"), Path.of("releases/20260101T000000Z-live"));
    Files.writeString(tmp.resolve("canary.txt"), "canary");
    Path archive = tmp.resolve("incoming/hostile.tar.gz");
    Files.createDirectories(archive.getParent());
    try (InputStream in = hostile.archive().open(tmp)) {
      Files.copy(in, archive);
    }
    Sidecar.write(archive, Sha256.of(archive));
    Map<String, String> before = snapshot(tmp, root);

    SlipwayException install = (SlipwayException) catchThrowable(() ->
        new Installer(Reporter.SILENT, Map.of(), Clock.systemUTC(), StepHook.NONE).install(InstallRequest.of(archive, root)));
    SlipwayException verify = (SlipwayException) catchThrowable(() -> ArchiveVerifier.verify(archive, Optional.empty(), Reporter.SILENT));

    for (SlipwayException refusal : new SlipwayException[] {install, verify}) {
      assertThat(refusal).as("refused").isNotNull();
      assertThat(refusal.kind()).as(refusal.getMessage()).isEqualTo(FailureKind.INTEGRITY);
      assertThat(refusal.causeCode()).as(refusal.getMessage()).isEqualTo(hostile.code());
    }
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("releases/20260101T000000Z-live"));
    assertThat(live.resolve("index.html")).hasContent("live release");
    try (var list = Files.list(root)) {
      assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging"));
    }
    assertThat(snapshot(tmp, root)).isEqualTo(before);
  }

  /** Every path under {@code dir} with its content hash, leaving out the installer's own state and history. */
  private static Map<String, String> snapshot(Path dir, Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (path.startsWith(root.resolve(".slipway")) || path.equals(root.resolve("history.jsonl"))
            || path.startsWith(root.resolve("shared"))) {
          continue;
        }
        String kind = Files.isSymbolicLink(path) ? "link:" + Files.readSymbolicLink(path)
            : Files.isRegularFile(path) ? Sha256.of(path) : "dir";
        files.put(dir.relativize(path).toString(), kind);
      }
    }
    return files;
  }
}
