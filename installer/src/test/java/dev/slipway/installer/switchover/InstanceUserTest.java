package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21, section 6: who owns the slot's listening socket, and what a root-owned one means. */
class InstanceUserTest {
  @TempDir Path tmp;

  static final List<String> TABLE = List.of(
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0",
      "   1: 0100007F:0BBA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 1002 1 0",
      "   2: 0100007F:0BBA 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0");

  @Test
  void theOwnerOfAListeningSocketIsReadFromTheTableAndConnectionsAreIgnored() {
    assertThat(ListeningSockets.inTable(3001, TABLE)).containsExactly(0);
    assertThat(ListeningSockets.inTable(3002, TABLE)).as("the established connection's uid 0 is not a listener").containsExactly(999);
    assertThat(ListeningSockets.inTable(3003, TABLE)).isEmpty();
  }

  @Test
  void aSocketThisProcessListensOnIsFoundWithThisProcessUid() throws Exception {
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(ListeningSockets.uids(socket.getLocalPort())).containsExactly(uid);
    }
  }

  @Test
  void aRootInstanceIsRefusedWhenTheRootNamesAServiceUser() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    Files.writeString(root.stateDir().resolve("config.json"), "{\"serviceUser\":\"shop\"}");
    List<String> warnings = new ArrayList<>();

    Optional<SlipwayException> refusal = InstanceUser.check(root, config(), 3002, "slot 3001", Set.of(0), Reporter.SILENT, warnings);

    assertThat(refusal).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.APP_USER);
      assertThat(e.causeCode()).isEqualTo("SLOT_RUNS_AS_ROOT");
      assertThat(e.getMessage()).startsWith("refused: the new instance on slot 3002 runs as root (uid 0), not as the service user shop")
          .contains("nginx still serves slot 3001");
      assertThat(e.evidence()).contains("127.0.0.1:3002", "uid 0", "node {release}/server.js {port}");
      assertThat(e.fix()).contains("installer systemd-unit --service-user shop", "runuser -u \"$SLIPWAY_SERVICE_USER\" --");
    });
    assertThat(InstanceUser.check(root, config(), 3002, "slot 3001", Set.of(999), Reporter.SILENT, warnings)).isEmpty();
    assertThat(InstanceUser.check(root, config(), 3002, "slot 3001", Set.of(), Reporter.SILENT, warnings))
        .as("no socket found (another network namespace): nothing to say").isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void withoutAServiceUserARootInstanceIsAWarning() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    List<String> warnings = new ArrayList<>();

    assertThat(InstanceUser.check(root, config(), 3002, "slot 3001", Set.of(0), Reporter.SILENT, warnings)).isEmpty();

    assertThat(warnings).singleElement().asString().contains("runs as root (uid 0)", "no service user is configured", "runuser -u USER --");
  }

  private SwitchConfig config() {
    return new SwitchConfig(List.of(3001, 3002), "node {release}/server.js {port}", "kill-slot {port}",
        tmp.resolve("upstream.conf"), "slipway_shop", "true", 1, 30);
  }
}
