package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: ROOT/shared/switch.json, what makes a root switch blue/green. */
class SwitchConfigFileTest {
  @TempDir Path tmp;

  static SwitchConfig config(Path upstream) {
    return new SwitchConfig(List.of(3001, 3002), "systemctl start slipway-shop@{port}", "systemctl stop slipway-shop@{port}",
        upstream, "slipway_shop", SwitchConfig.DEFAULT_RELOAD, 5, 60);
  }

  @Test
  void aRootWithoutTheFileSwitchesTheClassicWay() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    assertThat(SwitchConfigFile.read(root)).isEmpty();
  }

  @Test
  void whatIsWrittenIsReadBackAndRemovedByOff() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    SwitchConfig config = config(Path.of("/etc/nginx/slipway/shop.conf"));

    SwitchConfigFile.write(root, config);

    assertThat(SwitchConfigFile.read(root)).contains(config);
    assertThat(Files.readString(SwitchConfigFile.path(root))).contains("\"mode\" : \"blue-green\"")
        .contains("\"upstreamFile\" : \"/etc/nginx/slipway/shop.conf\"");
    assertThat(SwitchConfigFile.remove(root)).isTrue();
    assertThat(SwitchConfigFile.read(root)).isEmpty();
  }

  @Test
  void aFileThatIsNotAConfigurationIsRefusedNamingIt() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    Files.writeString(SwitchConfigFile.path(root), "{\"mode\":\"blue-green\",\"ports\":[3001]}");

    assertThatThrownBy(() -> SwitchConfigFile.read(root)).isInstanceOfSatisfying(SlipwayException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
      assertThat(e.causeCode()).isEqualTo("SWITCH_CONFIG_INVALID");
      assertThat(e.getMessage()).contains(SwitchConfigFile.path(root).toString());
    });
  }

  @Test
  void refusesAConfigurationThatCannotSwitch() {
    Path upstream = Path.of("/etc/nginx/u.conf");
    assertThatThrownBy(() -> new SwitchConfig(List.of(3001), "a {port}", "b {port}", upstream, "u", "r", 1, 1))
        .hasMessageContaining("at least two slots");
    assertThatThrownBy(() -> new SwitchConfig(List.of(3001, 3001), "a {port}", "b {port}", upstream, "u", "r", 1, 1))
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> new SwitchConfig(List.of(3001, 3002), "start it", "b {port}", upstream, "u", "r", 1, 1))
        .hasMessageContaining("{port}");
    assertThatThrownBy(() -> new SwitchConfig(List.of(3001, 3002), "a {port}", "b {port}", Path.of("u.conf"), "u", "r", 1, 1))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> new SwitchConfig(List.of(3001, 3002), "a {port}", "b {port}", upstream, "u x", "r", 1, 1))
        .hasMessageContaining("upstream name");
  }

  @Test
  void theDefaultUpstreamNameIsAnNginxNameFromTheRootsFolder() {
    assertThat(SwitchConfig.defaultUpstreamName(Path.of("/srv/my-shop.eu"))).isEqualTo("slipway_my_shop_eu");
  }
}
