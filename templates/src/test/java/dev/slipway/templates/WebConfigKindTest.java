package dev.slipway.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebConfigKindTest {

  @ParameterizedTest
  @CsvSource({
    "iisnode, IISNODE",
    "IISNODE, IISNODE",
    "httpplatform, HTTPPLATFORM",
    "HttpPlatform, HTTPPLATFORM",
    "reverse-proxy, REVERSE_PROXY",
    "Reverse-Proxy, REVERSE_PROXY",
    "none, NONE",
    "NONE, NONE"
  })
  void parseAcceptsEachCliNameIgnoringCase(String given, WebConfigKind expected) {
    assertThat(WebConfigKind.parse(given)).isEqualTo(expected);
  }

  @Test
  void cliNameRoundTripsThroughParse() {
    for (WebConfigKind kind : WebConfigKind.values()) {
      assertThat(WebConfigKind.parse(kind.cliName())).isEqualTo(kind);
    }
    assertThat(WebConfigKind.REVERSE_PROXY.cliName()).isEqualTo("reverse-proxy");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"reverse_proxy", "iis", "httpPlatformHandler", " iisnode"})
  void parseRejectsAnythingElseListingTheValidValues(String given) {
    assertThatThrownBy(() -> WebConfigKind.parse(given))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iisnode, httpplatform, reverse-proxy, none");
  }

  @Test
  void onlyKindsWhereIisStartsNodeNeedAnEntryFile() {
    assertThat(WebConfigKind.IISNODE.needsEntryFile()).isTrue();
    assertThat(WebConfigKind.HTTPPLATFORM.needsEntryFile()).isTrue();
    assertThat(WebConfigKind.REVERSE_PROXY.needsEntryFile()).isFalse();
    assertThat(WebConfigKind.NONE.needsEntryFile()).isFalse();
  }
}
