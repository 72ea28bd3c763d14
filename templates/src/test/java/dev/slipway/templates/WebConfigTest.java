package dev.slipway.templates;

import static dev.slipway.templates.Xml.elements;
import static dev.slipway.templates.Xml.nodes;
import static dev.slipway.templates.Xml.string;
import static dev.slipway.templates.Xml.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class WebConfigTest {
  private static final String WS = "/configuration/system.webServer";
  private static final String RULES = WS + "/rewrite/rules/rule";

  static Document render(WebConfigKind kind) {
    return Xml.parse(Templates.webConfig(kind, "server.js", 3000));
  }

  /** All comments of the document, whitespace runs folded to one space. */
  static String comments(Document doc) {
    return String.join(" ", strings(doc, "//comment()")).replaceAll("\\s+", " ");
  }

  @Nested
  class Iisnode {
    final Document doc = render(WebConfigKind.IISNODE);

    @Test
    void iisnodeHandlerRunsExactlyTheEntryFile() {
      List<Element> handlers = elements(doc, WS + "/handlers/add");
      assertThat(handlers).hasSize(1);
      Element h = handlers.get(0);
      assertThat(h.getAttribute("name")).isEqualTo("iisnode");
      assertThat(h.getAttribute("path")).isEqualTo("server.js");
      assertThat(h.getAttribute("verb")).isEqualTo("*");
      assertThat(h.getAttribute("modules")).isEqualTo("iisnode");
    }

    @Test
    void aCustomEntryFileIsBothTheHandlerPathAndTheFallbackRewriteTarget() {
      Document custom = Xml.parse(Templates.webConfig(WebConfigKind.IISNODE, "dist/custom-server.js", 0));
      assertThat(string(custom, WS + "/handlers/add[@name='iisnode']/@path")).isEqualTo("dist/custom-server.js");
      assertThat(string(custom, RULES + "[last()]/action/@url")).isEqualTo("dist/custom-server.js");
    }

    @Test
    void rewriteRulesAreStaticAssetsThenPublicFilesThenTheEntry_eachStoppingProcessing() {
      List<Element> rules = elements(doc, RULES);
      assertThat(rules).hasSize(3);
      assertThat(rules).allSatisfy(r -> assertThat(r.getAttribute("stopProcessing")).isEqualTo("true"));
      assertThat(rules).allSatisfy(r -> assertThat(string(r, "action/@type")).isEqualTo("Rewrite"));

      Element nextStatic = rules.get(0);
      assertThat(string(nextStatic, "match/@url")).isEqualTo("^_next/static/(.*)$");
      assertThat(nodes(nextStatic, "conditions/add")).isEmpty();
      assertThat(string(nextStatic, "action/@url")).isEqualTo(".next/static/{R:1}");

      Element publicFiles = rules.get(1);
      assertThat(string(publicFiles, "match/@url")).isEqualTo("^(.*)$");
      List<Element> conditions = elements(publicFiles, "conditions/add");
      assertThat(conditions).hasSize(1);
      assertThat(conditions.get(0).getAttribute("input"))
          .isIn("{APPL_PHYSICAL_PATH}public\\{R:1}", "{DOCUMENT_ROOT}\\public\\{R:1}");
      assertThat(conditions.get(0).getAttribute("matchType")).isEqualTo("IsFile");
      assertThat(conditions.get(0).getAttribute("negate")).isIn("", "false");
      assertThat(string(publicFiles, "action/@url")).isEqualTo("public/{R:1}");

      Element entry = rules.get(2);
      assertThat(string(entry, "match/@url")).isEqualTo("^(.*)$");
      assertThat(nodes(entry, "conditions/add")).isEmpty();
      assertThat(string(entry, "action/@url")).isEqualTo("server.js");
    }

    @Test
    void noRulePassesThroughAnyExistingFile() {
      // {REQUEST_FILENAME} IsFile would serve package.json, .next/server/** and .deploy/** as is.
      assertThat(nodes(doc, "//rewrite//conditions/add[contains(@input, '{REQUEST_FILENAME}')]")).isEmpty();
      assertThat(strings(doc, "//rewrite//conditions/add[@matchType='IsFile']/@input"))
          .allSatisfy(input -> assertThat(input).contains("public\\{R:1}"));
    }

    @Test
    void iisnodeRunsInProductionWithLogsForUsAndNoErrorsForBrowsers() {
      Element iisnode = elements(doc, WS + "/iisnode").get(0);
      assertThat(iisnode.getAttribute("node_env")).isEqualTo("production");
      assertThat(iisnode.getAttribute("loggingEnabled")).isEqualTo("true");
      assertThat(iisnode.getAttribute("devErrorsEnabled")).isEqualTo("false");
      assertThat(iisnode.getAttribute("watchedFiles")).isEqualTo("web.config;*.js");
    }

    @Test
    void theCommentsGiveTheReasons() {
      String comments = comments(doc);
      assertThat(comments)
          .contains("hidden segment answers 404.8")
          .contains("no generic \"serve any existing file\" rule")
          .contains("500.1002")
          .contains("Next's own error pages");
    }
  }

  @Nested
  class HttpPlatform {
    final Document doc = render(WebConfigKind.HTTPPLATFORM);

    @Test
    void everyRequestGoesToHttpPlatformHandler() {
      List<Element> handlers = elements(doc, WS + "/handlers/add");
      assertThat(handlers).hasSize(1);
      Element h = handlers.get(0);
      assertThat(h.getAttribute("name")).isEqualTo("httpPlatformHandler");
      assertThat(h.getAttribute("path")).isEqualTo("*");
      assertThat(h.getAttribute("verb")).isEqualTo("*");
      assertThat(h.getAttribute("modules")).isEqualTo("httpPlatformHandler");
      assertThat(h.getAttribute("resourceType")).isEqualTo("Unspecified");
      assertThat(nodes(doc, WS + "/rewrite")).isEmpty();
    }

    @Test
    void startsNodeWithTheEntryAndHandsItThePortIisChose() {
      Element p = elements(doc, WS + "/httpPlatform").get(0);
      assertThat(p.getAttribute("processPath")).isEqualTo("node");
      assertThat(p.getAttribute("arguments")).isEqualTo(".\\server.js");
      assertThat(p.getAttribute("startupTimeLimit")).isEqualTo("60");
      assertThat(p.getAttribute("stdoutLogEnabled")).isEqualTo("true");
      assertThat(p.getAttribute("stdoutLogFile")).isEqualTo(".\\logs\\node-stdout");
      Map<String, String> env =
          elements(p, "environmentVariables/environmentVariable").stream()
              .collect(Collectors.toMap(e -> e.getAttribute("name"), e -> e.getAttribute("value")));
      assertThat(env).containsExactlyInAnyOrderEntriesOf(
          Map.of("PORT", "%HTTP_PLATFORM_PORT%", "NODE_ENV", "production"));
    }

    @Test
    void anEntryWithASpaceIsQuotedAsOneArgument() {
      Document spaced = Xml.parse(Templates.webConfig(WebConfigKind.HTTPPLATFORM, "my server.js", 0));
      assertThat(string(spaced, WS + "/httpPlatform/@arguments")).isEqualTo("\".\\my server.js\"");
    }
  }

  @Nested
  class ReverseProxy {
    @Test
    void proxiesEveryRequestToTheNodeServiceOnTheGivenLoopbackPort() {
      Document doc = Xml.parse(Templates.webConfig(WebConfigKind.REVERSE_PROXY, null, 4123));
      List<Element> rules = elements(doc, RULES);
      assertThat(rules).hasSize(1);
      assertThat(rules.get(0).getAttribute("stopProcessing")).isEqualTo("true");
      assertThat(string(rules.get(0), "match/@url")).isEqualTo("^(.*)$");
      assertThat(nodes(rules.get(0), "conditions/add")).isEmpty();
      assertThat(string(rules.get(0), "action/@type")).isEqualTo("Rewrite");
      assertThat(string(rules.get(0), "action/@url")).isEqualTo("http://127.0.0.1:4123/{R:1}");
      assertThat(nodes(doc, WS + "/handlers")).isEmpty();
    }

    @Test
    void saysThatNodeRunsAsASeparateService() {
      assertThat(comments(render(WebConfigKind.REVERSE_PROXY))).contains("run as a service separately");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesAPortOutsideTheTcpRange(int port) {
      assertThatThrownBy(() -> Templates.webConfig(WebConfigKind.REVERSE_PROXY, null, port))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Integer.toString(port));
    }
  }

  @ParameterizedTest
  @EnumSource(value = WebConfigKind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void hidesNodeModulesDeployAndIisnodeButNotNext(WebConfigKind kind) {
    Document doc = render(kind);
    List<String> hidden = strings(doc, WS + "/security/requestFiltering/hiddenSegments/add/@segment");
    assertThat(hidden).contains("node_modules", ".deploy", "iisnode");
    // a rewrite into a hidden segment answers 404.8: .next/static must stay reachable
    assertThat(hidden).noneMatch(s -> s.toLowerCase(Locale.ROOT).equals(".next"));
    assertThat(strings(doc, WS + "/security/requestFiltering/hiddenSegments/remove/@segment"))
        .noneMatch(s -> s.toLowerCase(Locale.ROOT).equals(".next"));
  }

  @ParameterizedTest
  @EnumSource(value = WebConfigKind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void letsNextErrorPagesPassThrough(WebConfigKind kind) {
    assertThat(string(render(kind), WS + "/httpErrors/@existingResponse")).isEqualTo("PassThrough");
  }

  @ParameterizedTest
  @EnumSource(value = WebConfigKind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void rendersTheSameBytesEveryTime_withLfEndingsAndNoLeftoverPlaceholder(WebConfigKind kind) {
    String first = Templates.webConfig(kind, "server.js", 3000);
    String second = Templates.webConfig(kind, "server.js", 3000);
    assertThat(first.getBytes(StandardCharsets.UTF_8)).isEqualTo(second.getBytes(StandardCharsets.UTF_8));
    assertThat(first).doesNotContain("\r").doesNotContain("{{").doesNotStartWith("\uFEFF");
    assertThat(first).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").endsWith("</configuration>\n");
  }

  @Test
  void noneHasNoWebConfig() {
    assertThatThrownBy(() -> Templates.webConfig(WebConfigKind.NONE, "server.js", 3000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none");
  }

  @Test
  void aWeirdButLegalEntryNameIsXmlEscapedAndReadsBackExactly() {
    String weird = "R&D's app.js";
    String iisnode = Templates.webConfig(WebConfigKind.IISNODE, weird, 0);
    assertThat(iisnode).contains("path=\"R&amp;D&apos;s app.js\"").doesNotContain("R&D");
    Document doc = Xml.parse(iisnode);
    assertThat(string(doc, WS + "/handlers/add[@name='iisnode']/@path")).isEqualTo(weird);
    assertThat(string(doc, RULES + "[last()]/action/@url")).isEqualTo(weird);

    Document hp = Xml.parse(Templates.webConfig(WebConfigKind.HTTPPLATFORM, weird, 0));
    assertThat(string(hp, WS + "/httpPlatform/@arguments")).isEqualTo("\".\\R&D's app.js\"");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ", "*.js", "server?.js", "/server.js", "dist//server.js", "../server.js", "dist/./server.js",
        "C:\\app\\server.js", "dist\\server.js", "{R:1}.js", "%PATH%.js", "a#b.js", "a<b>.js",
        "a\"b.js", "a|b.js", "server.js\n", "a\u0000.js"
      })
  void refusesAnEntryThatIisOrWindowsWouldReadAsSomethingElse(String entry) {
    for (WebConfigKind kind : List.of(WebConfigKind.IISNODE, WebConfigKind.HTTPPLATFORM)) {
      assertThatThrownBy(() -> Templates.webConfig(kind, entry, 3000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entry file");
    }
  }

  @Test
  void theEntryIsIgnoredByKindsThatDoNotStartNode() {
    assertThat(Templates.webConfig(WebConfigKind.REVERSE_PROXY, "*.js", 3000))
        .isEqualTo(Templates.webConfig(WebConfigKind.REVERSE_PROXY, null, 3000));
  }

  @Test
  void renderSubstitutesInOnePassAndEscapes() {
    assertThat(Templates.render("a={{a}} b={{b}}", Map.of("a", "{{b}}", "b", "<&>")))
        .isEqualTo("a={{b}} b=&lt;&amp;&gt;");
  }

  @Test
  void renderRefusesAPlaceholderWithoutValueAndAValueWithoutPlaceholder() {
    assertThatThrownBy(() -> Templates.render("x={{missing}}", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("{{missing}}");
    assertThatThrownBy(() -> Templates.render("x", Map.of("extra", "1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extra");
  }
}
