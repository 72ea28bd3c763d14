package dev.slipway.templates;

import static dev.slipway.templates.Xml.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The web.config a release is installed with when {@code --node} names an absolute node.exe (issue
 * #25, item 3): iisnode's {@code nodeProcessCommandLine} and HttpPlatformHandler's {@code
 * processPath} point at it; without it the file is byte for byte what the packager writes.
 */
class WebConfigNodeTest {
  private static final String WS = "/configuration/system.webServer";
  private static final Optional<String> NODE = Optional.of("C:\\Program Files\\nodejs\\node.exe");

  @Test
  void iisnodeStartsTheAbsoluteNodeAsAQuotedCommandLine() {
    Document doc = Xml.parse(Templates.webConfig(WebConfigKind.IISNODE, "server.js", 0, NODE));

    assertThat(string(doc, WS + "/iisnode/@nodeProcessCommandLine")).isEqualTo("\"C:\\Program Files\\nodejs\\node.exe\"");
    assertThat(string(doc, WS + "/iisnode/@watchedFiles")).isEqualTo("web.config;*.js");
    assertThat(string(doc, WS + "/handlers/add/@path")).isEqualTo("server.js");
  }

  @Test
  void httpPlatformHandlerStartsTheAbsoluteNode() {
    Document doc = Xml.parse(Templates.webConfig(WebConfigKind.HTTPPLATFORM, "server.js", 0, NODE));

    assertThat(string(doc, WS + "/httpPlatform/@processPath")).isEqualTo("C:\\Program Files\\nodejs\\node.exe");
    assertThat(string(doc, WS + "/httpPlatform/@arguments")).isEqualTo(".\\server.js");
  }

  @Test
  void withoutANodeTheFileIsWhatThePackagerWritesAndSetsNoNodeOfItsOwn() {
    for (WebConfigKind kind : new WebConfigKind[] {WebConfigKind.IISNODE, WebConfigKind.HTTPPLATFORM}) {
      String packaged = Templates.webConfig(kind, "server.js", 3000);
      assertThat(Templates.webConfig(kind, "server.js", 3000, Optional.empty())).isEqualTo(packaged);
    }
    // A nodeProcessCommandLine written out would override one the server sets for every site.
    assertThat(Templates.webConfig(WebConfigKind.IISNODE, "server.js", 0)).doesNotContain("nodeProcessCommandLine=");
    assertThat(string(Xml.parse(Templates.webConfig(WebConfigKind.HTTPPLATFORM, "server.js", 0)),
        WS + "/httpPlatform/@processPath")).isEqualTo("node");
  }

  @Test
  void aNodeThatIsNotAnAbsoluteWindowsPathIsRefused() {
    for (String bad : new String[] {"node", "nodejs\\node.exe", "/usr/bin/node", "C:\\a\"b\\node.exe"}) {
      assertThatThrownBy(() -> Templates.webConfig(WebConfigKind.IISNODE, "server.js", 0, Optional.of(bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute Windows path");
    }
    assertThat(Templates.webConfig(WebConfigKind.HTTPPLATFORM, "server.js", 0, Optional.of("\\\\fs\\node\\node.exe")))
        .contains("processPath=\"\\\\fs\\node\\node.exe\"");
  }
}
