package dev.slipway.format.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compression bombs again, each in a JVM with the installer's own heap: bin/installer runs
 * {@code java -Xmx256m} unless SLIPWAY_JAVA_OPTS says otherwise. Surefire's JVM gets a quarter of
 * the machine's memory, where a reader that buffers a few hundred MiB would still pass.
 */
class BombUnderInstallerHeapTest {
  /** bin/installer's default (SLIPWAY_JAVA_OPTS unset). */
  static final String INSTALLER_HEAP = "-Xmx256m";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "bombFileLargerThanManifest, REFUSED SIZE_MISMATCH",
    "bombFileNotInManifest, REFUSED NOT_IN_MANIFEST",
    "bombFolderWithData, REFUSED CORRUPT_TAR",
    "bombPaxHeaderAfterManifest, REFUSED ARCHIVE_TOO_LARGE",
    "bombGnuLongName, REFUSED ARCHIVE_TOO_LARGE",
    "bombManifest, REFUSED BAD_MANIFEST",
    "trailingZerosAfterEnd, ACCEPTED",
  })
  void survivesTheInstallerHeap(String bomb, String outcome) throws Exception {
    assertThat(run(bomb)).first().isEqualTo(outcome);
  }

  @Test
  void paxHeaderBeforeManifest() throws Exception {
    assertThat(run("bombPaxHeaderBeforeManifest")).first().isEqualTo("REFUSED ARCHIVE_TOO_LARGE");
  }

  @Test
  void gnuLongNameBeforeManifest() throws Exception {
    assertThat(run("bombGnuLongNameBeforeManifest")).first().isEqualTo("REFUSED ARCHIVE_TOO_LARGE");
  }

  @Test
  void paxHeaderWithinALargeDeclaredTotal() throws Exception {
    assertThat(run("bombPaxWithin1GiBDeclared")).first().isEqualTo("REFUSED ARCHIVE_TOO_LARGE");
  }

  @Test
  void gnuLongNameWithinALargeDeclaredTotal() throws Exception {
    assertThat(run("bombGnuLongNameWithin1GiBDeclared")).first().isEqualTo("REFUSED ARCHIVE_TOO_LARGE");
  }

  /** The runner's output lines: the outcome, then how many inflated bytes it pulled. */
  private List<String> run(String bomb) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(
            java.toString(), INSTALLER_HEAP, "-cp", System.getProperty("java.class.path"),
            BombRunner.class.getName(), bomb, tmp.resolve("staging").toString())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("runner finished").isTrue();
    System.out.printf("%s at %s: %s%n", bomb, INSTALLER_HEAP, output.strip().replace('\n', ','));
    return output.lines().toList();
  }
}
