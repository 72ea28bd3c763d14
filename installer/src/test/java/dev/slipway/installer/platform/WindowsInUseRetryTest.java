package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file in use on Windows is tried again, then given up on with a reason (issue #25, item 5). */
class WindowsInUseRetryTest {
  private final List<Duration> waits = new ArrayList<>();
  private final WindowsInUseRetry retry = new WindowsInUseRetry(waits::add);

  @Test
  void aFileReleasedAfterTwoRefusalsIsDeletedOnTheThirdAttempt() throws Exception {
    int[] attempts = {0};

    retry.attempt(() -> {
      if (++attempts[0] < 3) {
        throw new FileSystemException("C:\\srv\\shop\\releases\\old\\node_modules\\x.node", null,
            "The process cannot access the file because it is being used by another process");
      }
    });

    assertThat(attempts[0]).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300));
  }

  @Test
  void aFileThatStaysInUseFailsAfterEveryWaitNamingTheFile() {
    int[] attempts = {0};

    assertThatThrownBy(() -> retry.attempt(() -> {
      attempts[0]++;
      throw new java.nio.file.AccessDeniedException("C:\\srv\\shop\\releases\\old\\x.node");
    })).isInstanceOfSatisfying(FileSystemException.class, e -> {
      assertThat(e.getFile()).isEqualTo("C:\\srv\\shop\\releases\\old\\x.node");
      assertThat(e.getMessage()).contains("still refused after 4 attempts").contains("node.exe");
    });
    assertThat(attempts[0]).isEqualTo(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void aFileThatIsGoneIsNotRetried() {
    int[] attempts = {0};

    assertThatThrownBy(() -> retry.attempt(() -> {
      attempts[0]++;
      throw new NoSuchFileException("x");
    })).isInstanceOf(NoSuchFileException.class);
    assertThat(attempts[0]).isEqualTo(1);
  }
}
