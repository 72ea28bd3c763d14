package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IisTargetTest {
  @Test
  void theRootApplicationOfASiteIsNamedWithATrailingSlash() {
    IisTarget site = IisTarget.of("Default Web Site", null);
    assertThat(site.appId()).isEqualTo("Default Web Site/");
    assertThat(site.vdirId()).isEqualTo("Default Web Site/");
  }

  @Test
  void anApplicationPathIsNormalizedToOneLeadingSlashAndNoTrailingOne() {
    IisTarget app = IisTarget.of("shop", "api\\v1/");
    assertThat(app.appId()).isEqualTo("shop/api/v1");
    assertThat(app.vdirId()).isEqualTo("shop/api/v1/");
  }

  @Test
  void namesCmdOrAppcmdWouldReadAreRefused() {
    assertThatThrownBy(() -> IisTarget.of("shop\" & del", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IisTarget.of("  ", null)).hasMessageContaining("--iis-site");
    assertThatThrownBy(() -> IisTarget.of("shop", "/")).hasMessageContaining("leave --iis-app out");
  }
}
