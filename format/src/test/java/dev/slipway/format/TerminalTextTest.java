package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void oscSequencesAreShownNotObeyed() {
    assertThat(TerminalText.escape("a\u001b]0;title\u0007b")).isEqualTo("a\\x1b]0;title\\x07b");
    assertThat(TerminalText.escape("\u001b]52;c;ZXZpbA==\u001b\\")).isEqualTo("\\x1b]52;c;ZXZpbA==\\x1b\\");
  }

  @Test
  void csiSequencesAndC1ControlsAreShown() {
    assertThat(TerminalText.escape("\u001b[2J\u001b[31mred")).isEqualTo("\\x1b[2J\\x1b[31mred");
    assertThat(TerminalText.escape("\u009b2J\u0085")).isEqualTo("\\x9b2J\\x85");
    assertThat(TerminalText.escape("del\u007f")).isEqualTo("del\\x7f");
  }

  @Test
  void lineBreaksCannotForgeALine() {
    assertThat(TerminalText.escape("1.0.0\nok: forged line")).isEqualTo("1.0.0\\x0aok: forged line");
    assertThat(TerminalText.escape("progress\roverwritten")).isEqualTo("progress\\x0doverwritten");
    assertThat(TerminalText.escape("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
  }

  @Test
  void bidiOverridesAndIsolatesAreShown() {
    assertThat(TerminalText.escape("build\u202e1-dliub")).isEqualTo("build\\u202e1-dliub");
    assertThat(TerminalText.escape("\u2066x\u2069\u200f\u061c")).isEqualTo("\\u2066x\\u2069\\u200f\\u061c");
  }

  @Test
  void ordinaryTextIsUnchangedIncludingTabsAndNonAscii() {
    String text = "café \t日本 @scope/app 1.2.3-rc.1+sha C:\\path";
    assertThat(TerminalText.escape(text)).isSameAs(text);
    assertThat(TerminalText.escape(null)).isEqualTo("null");
  }

  @Test
  void failureTextEscapesEvidenceLinesAndMessage() {
    SlipwayException failure = new SlipwayException(FailureKind.INTEGRITY, "X", "bad \u001b]0;t\u0007 name",
        "line one \u001b]52;c;eA==\u0007\nline two\rforged", "fix \u001b[2J it");
    assertThat(FailureText.lines(failure)).containsExactly(
        "error: X: bad \\x1b]0;t\\x07 name",
        "  line one \\x1b]52;c;eA==\\x07",
        "  line two\\x0dforged",
        "fix: fix \\x1b[2J it");
  }

  @Test
  void theConsoleReporterEscapesStepsAndWarnings() {
    var bytes = new java.io.ByteArrayOutputStream();
    ConsoleReporter reporter = new ConsoleReporter(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), false);
    reporter.step("installing demo\u001b]0;x\u0007");
    reporter.warn("route said \u001b[2J\nok: forged");
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("==> installing demo\\x1b]0;x\\x07\nwarning: route said \\x1b[2J\\x0aok: forged\n")
        .doesNotContain("\u001b");
  }
}
