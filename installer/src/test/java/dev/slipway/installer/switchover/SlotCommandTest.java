package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: the operator's start, stop and reload templates, expanded and run through the shell. */
class SlotCommandTest {
  @TempDir Path tmp;

  @Test
  void placeholdersAreReplacedAndQuotedOnlyWhenTheyNeedIt() {
    assertThat(SlotCommand.expand("systemctl start shop@{port}", 3001, "", "/srv/shop")).isEqualTo("systemctl start shop@3001");
    assertThat(SlotCommand.expand("run {release} {root}", 3001, "/srv/my shop/releases/x", "/srv/it's"))
        .isEqualTo("run '/srv/my shop/releases/x' '/srv/it'\\''s'");
  }

  @Test
  void runsWithTheValuesInItsEnvironmentAndReportsAFailureWithItsLog() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    Path out = tmp.resolve("out.txt");

    Files.writeString(root.stateDir().resolve("config.json"), "{\"serviceUser\":\"shop\"}");

    Optional<String> ok = SlotCommand.run(root, "start",
        "echo \"$SLIPWAY_PORT {port} $SLIPWAY_RELEASE_DIR $SLIPWAY_SERVICE_USER\" > " + out, 3002, Optional.of(tmp.resolve("rel")));
    Optional<String> failed = SlotCommand.run(root, "stop", "echo stopping {port}; exit 7", 3002, Optional.empty());

    assertThat(ok).isEmpty();
    assertThat(out).hasContent("3002 3002 " + tmp.resolve("rel") + " shop");
    assertThat(failed).hasValueSatisfying(f -> assertThat(f).contains("the stop command").contains("exited with 7")
        .contains(SlotCommand.LOG));
    assertThat(Files.readString(root.stateDir().resolve(SlotCommand.LOG))).contains("stopping 3002");
  }
}
