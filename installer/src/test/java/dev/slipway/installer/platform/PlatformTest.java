package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.InUseRetry;
import dev.slipway.process.ProcessTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two implementations of the seam, side by side (issue #25). */
class PlatformTest {
  private final WindowsPlatform windows = new WindowsPlatform(new RecordingRunner(), InUseRetry.ONCE);

  @Test
  void thisLinuxHostGetsTheLinuxPlatformWithTodaysBehaviour() throws Exception {
    Platform host = Platform.ofThisHost(Map.of());

    assertThat(host).isInstanceOf(LinuxPlatform.class);
    assertThat(host.inUse()).isSameAs(InUseRetry.ONCE);
    assertThat(host.pathLimit()).isEqualTo(PathLimit.NONE);
    // The process table (which ProcessTree and its stopper use) signals groups here, as the seam says.
    assertThat(host.treeStop()).isEqualTo(Platform.TreeStop.GROUP_AND_DESCENDANTS);
    assertThat(ProcessTable.forThisOs().hasProcessGroups()).isTrue();
  }

  @Test
  void windowsSwitchesAJunctionRetriesFilesInUseAndLimitsPathsUnlessLongPathsAreOn() throws Exception {
    assertThat(windows.current()).isInstanceOf(JunctionCurrent.class);
    assertThat(windows.pathLimit().limit()).hasValue(PathLimit.WINDOWS_LIMIT);
    assertThat(windows.treeStop()).isEqualTo(Platform.TreeStop.DESCENDANTS);
    RecordingRunner enabled = new RecordingRunner().answer("reg.exe", 0, "LongPathsEnabled    REG_DWORD    0x1");
    assertThat(new WindowsPlatform(enabled, InUseRetry.ONCE).pathLimit()).isEqualTo(PathLimit.NONE);
  }
}
