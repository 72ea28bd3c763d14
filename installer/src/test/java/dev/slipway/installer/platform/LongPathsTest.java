package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongPathsTest {
  @Test
  void regQueryAnswersAreRead() throws Exception {
    String enabled = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\FileSystem\r\n"
        + "    LongPathsEnabled    REG_DWORD    0x1\r\n\r\n";
    assertThat(LongPaths.parse(enabled)).isTrue();
    assertThat(LongPaths.parse(enabled.replace("0x1", "0x0"))).isFalse();
    assertThat(LongPaths.parse("ERROR: The system was unable to find the specified registry key or value.")).isFalse();

    RecordingRunner runner = new RecordingRunner().answer("reg.exe", 1, "ERROR: not found");
    assertThat(LongPaths.enabled(runner)).isFalse();
    assertThat(runner.lines()).containsExactly(
        "reg.exe query HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v LongPathsEnabled");
  }
}
