package dev.slipway.installer.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The owner mark names a root the same way whichever path a run was given for it. */
@EnabledOnOs(OS.LINUX) // the sweep reads /proc/PID/environ
class OrphanSweepTest {

  @TempDir Path tmp;

  @Test
  void aProcessMarkedThroughTheRealPathIsStoppedBySweepingThroughALink() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("srv/app"));
    Path link = Files.createSymbolicLink(tmp.resolve("app-link"), real);

    assertThat(leftBehindAndSwept(ReleaseRoot.open(real, true), ReleaseRoot.open(link, true))).isEqualTo(1);
  }

  @Test
  void aProcessMarkedThroughALinkIsStoppedBySweepingThroughTheRealPath() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("srv/app"));
    Path link = Files.createSymbolicLink(tmp.resolve("app-link"), real);

    assertThat(leftBehindAndSwept(ReleaseRoot.open(link, true), ReleaseRoot.open(real, true))).isEqualTo(1);
  }

  @Test
  void aProcessOfAnotherRootIsLeftAlone() throws Exception {
    ReleaseRoot other = ReleaseRoot.open(Files.createDirectories(tmp.resolve("other")), true);
    ReleaseRoot swept = ReleaseRoot.open(Files.createDirectories(tmp.resolve("swept")), true);
    Process sleeper = startMarked(other);
    try {
      assertThat(OrphanSweep.stopOrphans(swept)).isZero();
      assertThat(sleeper.isAlive()).isTrue();
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  /** Starts a process marked by {@code marker}'s run, sweeps as {@code sweeper}'s run; how many it stopped. */
  private static int leftBehindAndSwept(ReleaseRoot marker, ReleaseRoot sweeper) throws Exception {
    Process sleeper = startMarked(marker);
    try {
      int stopped = OrphanSweep.stopOrphans(sweeper);
      assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("the marked process ended").isTrue();
      return stopped;
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  private static Process startMarked(ReleaseRoot root) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "60");
    builder.environment().putAll(OrphanSweep.ownerEnvironment(root));
    return builder.start();
  }
}
