package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.Manifest;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --node C:\...\node.exe reaches the web.config IIS reads from the release (issue #25, item 3). */
class WebConfigPinTest {
  static final String NODE = "C:\\Program Files\\nodejs\\node.exe";
  @TempDir Path release;

  private void generated(WebConfigKind kind) throws Exception {
    Files.writeString(release.resolve("web.config"), Templates.webConfig(kind, "server.js", 3000));
  }

  @Test
  void theGeneratedIisnodeWebConfigStartsTheAbsoluteNode() throws Exception {
    generated(WebConfigKind.IISNODE);

    assertThat(WebConfigPin.apply(release, new Manifest.Start("iisnode", "server.js", null), NODE))
        .hasValue("web.config (iisnode) starts " + NODE);
    assertThat(release.resolve("web.config")).content()
        .contains("nodeProcessCommandLine=\"&quot;C:\\Program Files\\nodejs\\node.exe&quot;\"");
  }

  @Test
  void theGeneratedHttpPlatformWebConfigStartsTheAbsoluteNode() throws Exception {
    generated(WebConfigKind.HTTPPLATFORM);

    WebConfigPin.apply(release, new Manifest.Start("httpplatform", "server.js", null), NODE);

    assertThat(release.resolve("web.config")).content().contains("processPath=\"" + NODE + "\"");
  }

  @Test
  void nodeOnThePathLeavesTheFileAsPackaged() throws Exception {
    generated(WebConfigKind.IISNODE);
    String before = Files.readString(release.resolve("web.config"));

    assertThat(WebConfigPin.apply(release, new Manifest.Start("iisnode", "server.js", null), "node")).isEmpty();
    assertThat(release.resolve("web.config")).hasContent(before);
  }

  @Test
  void aWebConfigTheProjectWroteItselfIsLeftAlone() throws Exception {
    Files.writeString(release.resolve("web.config"), "<configuration><!-- ours --></configuration>");

    assertThat(WebConfigPin.apply(release, new Manifest.Start("iisnode", "server.js", null), NODE))
        .hasValueSatisfying(note -> assertThat(note).contains("left as it is"));
    assertThat(release.resolve("web.config")).hasContent("<configuration><!-- ours --></configuration>");
  }

  @Test
  void aReverseProxyWebConfigHasNoNodeToPin() throws Exception {
    Files.writeString(release.resolve("web.config"), Templates.webConfig(WebConfigKind.REVERSE_PROXY, null, 3000));

    assertThat(WebConfigPin.apply(release, new Manifest.Start("reverse-proxy", "server.js", null), NODE)).isEmpty();
  }
}
