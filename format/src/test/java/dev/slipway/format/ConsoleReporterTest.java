package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private ConsoleReporter reporter(boolean terminal) {
    return new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
  }

  @Test
  void withoutATerminalEachStepIsOnePlainLineAndProgressPrintsNothing() {
    ConsoleReporter reporter = reporter(false);
    reporter.step("unpacking");
    reporter.progress(50, 100);
    reporter.warn("optional environment variable X is not set");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("==> unpacking\nwarning: optional environment variable X is not set\n".replace("\n", System.lineSeparator()))
        .doesNotContain("\r");
  }

  @Test
  void onATerminalLongStepsDrawABarThatTheNextStepEnds() {
    ConsoleReporter reporter = reporter(true);
    reporter.step("writing");
    reporter.progress(50L * 1024 * 1024, 100L * 1024 * 1024);
    reporter.step("done");

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("\r    [###############               ] 50% of 100 MiB");
    assertThat(out).endsWith(System.lineSeparator() + "==> done" + System.lineSeparator());
  }
}
