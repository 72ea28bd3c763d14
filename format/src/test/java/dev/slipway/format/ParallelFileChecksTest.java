package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelFileChecksTest {
  @TempDir Path tmp;

  private static ListedFile entryFor(String path, byte[] content) {
    return listed(path, content.length, false, Sha256.of(content));
  }

  private static ListedFile listed(String path, long size, boolean executable, String sha256) {
    return new ListedFile(path, size, executable, HexFormat.of().parseHex(sha256));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Check threads still alive shortly after close. A pool's workers have finished every task when
   * close returns, but each thread may still be on its way out of run(), so wait for that (join,
   * bounded) before counting: a thread stuck in a task would still be counted.
   */
  private static long checkThreadsAlive() throws InterruptedException {
    var threads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("slipway-unpack-")).toList();
    for (Thread thread : threads) {
      thread.join(5_000);
    }
    return threads.stream().filter(Thread::isAlive).count();
  }

  @Test
  void everyFileHandedOverIsWrittenOnceFinishReturns() throws Exception {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    try (ParallelFileChecks checks = new ParallelFileChecks(UnpackTarget.folder(staging), 2)) {
      for (int i = 0; i < 1000; i++) {
        byte[] content = bytes("file " + i);
        checks.submit(entryFor("d" + (i % 9) + "/f" + i, content), content);
      }
      checks.finish();
      for (int i = 0; i < 1000; i++) {
        assertThat(staging.resolve("d" + (i % 9) + "/f" + i)).hasContent("file " + i);
      }
    }
    assertThat(checkThreadsAlive()).as("threads left after close").isZero();
  }

  @Test
  void aFileThatDoesNotMatchItsHashIsRefusedByFinishAndNeverMadeExecutable() throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    ListedFile promised = listed("run.sh", 4, true, Sha256.of(bytes("good")));
    try (ParallelFileChecks checks = new ParallelFileChecks(UnpackTarget.folder(staging), 2)) {
      checks.submit(promised, bytes("evil"));
      assertThatThrownBy(checks::finish)
          .isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.causeCode()).isEqualTo("HASH_MISMATCH");
            assertThat(e.getMessage()).contains("run.sh");
          });
    }
    assertThat(staging.resolve("run.sh")).doesNotExist();
  }

  @Test
  void theFirstFailureIsThrownByTheNextSubmit() throws Exception {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    try (ParallelFileChecks checks = new ParallelFileChecks(UnpackTarget.folder(staging), 1)) {
      checks.submit(listed("bad.txt", 3, false, Sha256.of(bytes("abc"))), bytes("xyz"));
      // Poll until the check thread has recorded the refusal, then the next hand-over must throw it.
      Throwable thrown = null;
      for (int i = 0; i < 2000 && thrown == null; i++) {
        byte[] content = bytes("ok " + i);
        try {
          checks.submit(entryFor("ok" + i, content), content);
        } catch (SlipwayException e) {
          thrown = e;
        }
      }
      assertThat(thrown).isInstanceOfSatisfying(SlipwayException.class,
          e -> assertThat(e.causeCode()).isEqualTo("HASH_MISMATCH"));
    }
  }
}
