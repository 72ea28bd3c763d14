package dev.slipway.process;

import dev.slipway.testkit.OsProcesses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class CapturedCommandTest {

  @TempDir Path dir;

  @Test
  void outputAndExitCodeAreCaptured() throws Exception {
    CapturedCommand.Output out =
        CapturedCommand.run(
            List.of("sh", "-c", "echo \"hello $WHO\"; echo oops >&2; exit 4"),
            Map.of("WHO", "you"),
            Duration.ofSeconds(20));

    assertThat(out.exitCode()).contains(4);
    assertThat(out.output()).isEqualTo("hello you\noops\n");
  }

  @Test
  void commandThatHangsIsStoppedWithItsChildrenAndReportedWithoutExitCode() throws Exception {
    String marker = dir.toString();
    CapturedCommand.Output out =
        CapturedCommand.run(
            List.of(
                "sh",
                "-c",
                "echo started; node -e 'setInterval(() => {}, 1000)' " + marker + " & wait"),
            Map.of(),
            Duration.ofSeconds(2));

    assertThat(out.exitCode()).isEmpty();
    assertThat(out.output()).isEqualTo("started\n");
    OsProcesses.assertNoneRunningWith(marker);
  }
}
