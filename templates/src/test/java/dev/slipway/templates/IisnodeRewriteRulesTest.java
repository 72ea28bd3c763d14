package dev.slipway.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Runs URLs through the rewrite rules of the rendered iisnode web.config, read from the XML (not
 * copied), with a small interpreter of IIS URL Rewrite semantics and a fake site folder.
 */
class IisnodeRewriteRulesTest {
  private static final String ENTRY = "server.js";
  private static final String SITE = "C:\\sites\\shop\\";

  /** The released site: what IsFile sees. Paths relative to SITE, Windows separators. */
  private static final Set<String> FILES_ON_DISK =
      Set.of(
          "web.config",
          "server.js",
          "package.json",
          "package-lock.json",
          "next.config.js",
          ".env",
          ".next\\BUILD_ID",
          ".next\\server\\app\\page.js",
          ".next\\static\\chunks\\a.js",
          ".deploy\\manifest.json",
          "node_modules\\next\\package.json",
          "iisnode\\shop-1234-stderr.txt",
          "public\\robots.txt",
          "public\\images\\logo.png");

  private final Document webConfig = Xml.parse(Templates.webConfig(WebConfigKind.IISNODE, ENTRY, 0));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/package.json",
        "/package-lock.json",
        "/next.config.js",
        "/.env",
        "/.next/server/app/page.js",
        "/.next/BUILD_ID",
        "/.deploy/manifest.json",
        "/node_modules/next/package.json",
        "/iisnode/shop-1234-stderr.txt",
        "/server.js"
      })
  void filesOutsidePublicAndStaticAssetsAreNeverServed_theyGoToNext(String url) {
    assertThat(evaluate(webConfig, url)).isEqualTo(new Outcome("next-server", ENTRY));
  }

  @ParameterizedTest
  @CsvSource({
    "/_next/static/chunks/a.js, .next/static/chunks/a.js",
    "/_next/static/css/app-123.css, .next/static/css/app-123.css",
    "/robots.txt, public/robots.txt",
    "/images/logo.png, public/images/logo.png",
  })
  void staticAssetsAndExistingPublicFilesAreRewrittenToTheirFolder(String url, String target) {
    assertThat(evaluate(webConfig, url).target()).isEqualTo(target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/about", "/api/health", "/_next/image", "/_next/data/b1/index.json", "/missing.txt"})
  void pagesRoutesAndMissingFilesGoToNext(String url) {
    assertThat(evaluate(webConfig, url).target()).isEqualTo(ENTRY);
  }

  @Test
  void theInterpreterWouldCatchAGenericExistingFileRule() {
    // Prove the tests above are not vacuous: add the rule we forbid and package.json leaks.
    Document leaky = Xml.parse(Templates.webConfig(WebConfigKind.IISNODE, ENTRY, 0));
    Element rules = Xml.elements(leaky, "/configuration/system.webServer/rewrite/rules").get(0);
    Element first = Xml.elements(rules, "rule").get(0);
    Element rule = leaky.createElement("rule");
    rule.setAttribute("name", "static-files");
    rule.setAttribute("stopProcessing", "true");
    Element match = leaky.createElement("match");
    match.setAttribute("url", ".*");
    Element conditions = leaky.createElement("conditions");
    Element add = leaky.createElement("add");
    add.setAttribute("input", "{REQUEST_FILENAME}");
    add.setAttribute("matchType", "IsFile");
    conditions.appendChild(add);
    Element action = leaky.createElement("action");
    action.setAttribute("type", "None");
    rule.appendChild(match);
    rule.appendChild(conditions);
    rule.appendChild(action);
    rules.insertBefore(rule, first);

    assertThat(evaluate(leaky, "/package.json")).isEqualTo(new Outcome("static-files", "package.json"));
    assertThat(evaluate(leaky, "/.deploy/manifest.json").target()).isEqualTo(".deploy/manifest.json");
  }

  // ---------------------------------------------------------------------------------------------
  // A tiny interpreter of IIS URL Rewrite distributed rules (those in a site's web.config).

  /** The rule that decided, or null when none stopped processing, and the URL IIS then serves. */
  record Outcome(String rule, String target) {}

  /**
   * Evaluates the rules of {@code doc} for {@code urlPath} ({@code /a/b}, no query string) as URL
   * Rewrite does for a web.config in the site root: the input is the path without its leading
   * slash; rules run in order; a Rewrite action changes the URL seen by later rules and ends
   * evaluation when stopProcessing is true. Unsupported features fail the test rather than being
   * guessed.
   */
  static Outcome evaluate(Document doc, String urlPath) {
    assertThat(urlPath).startsWith("/");
    String url = urlPath.substring(1);
    String decidedBy = null;
    for (Element rule : Xml.elements(doc, "/configuration/system.webServer/rewrite/rules/rule")) {
      if ("false".equals(rule.getAttribute("enabled"))) {
        continue;
      }
      String syntax = rule.getAttribute("patternSyntax");
      assertThat(syntax).as("patternSyntax").isIn("", "ECMAScript");
      Element match = Xml.elements(rule, "match").get(0);
      Matcher r = compile(match.getAttribute("url"), match.getAttribute("ignoreCase")).matcher(url);
      boolean matched = r.find();
      if (matched == "true".equals(match.getAttribute("negate"))) {
        continue;
      }
      Matcher c = conditions(rule, r, url);
      if (c == null) {
        continue;
      }
      Element action = Xml.elements(rule, "action").get(0);
      String type = action.getAttribute("type");
      switch (type) {
        case "Rewrite" -> url = expand(action.getAttribute("url"), r, c, url);
        case "None" -> { }
        default -> throw new AssertionError("interpreter does not model action type " + type);
      }
      decidedBy = rule.getAttribute("name");
      if ("true".equals(rule.getAttribute("stopProcessing"))) {
        break;
      }
    }
    return new Outcome(decidedBy, url);
  }

  /** The last matching condition's matcher (for {C:n}), or null when the conditions fail. */
  private static Matcher conditions(Element rule, Matcher r, String url) {
    List<Element> adds = Xml.elements(rule, "conditions/add");
    Element conditions = Xml.elements(rule, "conditions").stream().findFirst().orElse(null);
    boolean matchAny = conditions != null && "MatchAny".equals(conditions.getAttribute("logicalGrouping"));
    Matcher last = Pattern.compile("").matcher("");
    last.find();
    if (adds.isEmpty()) {
      return last;
    }
    for (Element add : adds) {
      String input = expand(add.getAttribute("input"), r, null, url);
      String matchType = add.getAttribute("matchType").isEmpty() ? "Pattern" : add.getAttribute("matchType");
      boolean ok;
      Matcher m = null;
      switch (matchType) {
        case "IsFile" -> ok = isFile(input);
        case "IsDirectory" -> ok = isDirectory(input);
        case "Pattern" -> {
          m = compile(add.getAttribute("pattern"), add.getAttribute("ignoreCase")).matcher(input);
          ok = m.find();
        }
        default -> throw new AssertionError("interpreter does not model matchType " + matchType);
      }
      if ("true".equals(add.getAttribute("negate"))) {
        ok = !ok;
        m = null;
      }
      if (ok && m != null) {
        last = m;
      }
      if (matchAny && ok) {
        return last;
      }
      if (!matchAny && !ok) {
        return null;
      }
    }
    return matchAny ? null : last;
  }

  /** URL Rewrite ignores case unless told otherwise. */
  private static Pattern compile(String regex, String ignoreCase) {
    return "false".equals(ignoreCase) ? Pattern.compile(regex) : Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)\\}");

  /** Expands {R:n}, {C:n} and the server variables this site knows; fails on any other. */
  private static String expand(String template, Matcher r, Matcher c, String url) {
    Map<String, String> server =
        Map.of(
            "APPL_PHYSICAL_PATH", SITE,
            "DOCUMENT_ROOT", SITE.substring(0, SITE.length() - 1),
            "REQUEST_FILENAME", SITE + url.replace('/', '\\'),
            "URL", "/" + url);
    Matcher v = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (v.find()) {
      String name = v.group(1);
      String value;
      if (name.startsWith("R:")) {
        value = r.group(Integer.parseInt(name.substring(2)));
      } else if (name.startsWith("C:")) {
        assertThat(c).as("{C:n} outside an action").isNotNull();
        value = c.group(Integer.parseInt(name.substring(2)));
      } else {
        value = server.get(name.toUpperCase(Locale.ROOT));
        assertThat(value).as("interpreter does not know the server variable {%s}", name).isNotNull();
      }
      v.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    v.appendTail(out);
    return out.toString();
  }

  private static String relativeToSite(String physical) {
    String p = physical.replace('/', '\\').toLowerCase(Locale.ROOT);
    String site = SITE.toLowerCase(Locale.ROOT);
    return p.startsWith(site) ? p.substring(site.length()) : null;
  }

  private static boolean isFile(String physical) {
    String rel = relativeToSite(physical);
    return rel != null
        && FILES_ON_DISK.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()).contains(rel);
  }

  private static boolean isDirectory(String physical) {
    String rel = relativeToSite(physical);
    if (rel == null) {
      return false;
    }
    List<String> dirs = new ArrayList<>();
    for (String f : FILES_ON_DISK) {
      String[] parts = f.toLowerCase(Locale.ROOT).split("\\\\");
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        d.append(parts[i]);
        dirs.add(d.toString());
        d.append('\\');
      }
    }
    String trimmed = rel.endsWith("\\") ? rel.substring(0, rel.length() - 1) : rel;
    return trimmed.isEmpty() || dirs.contains(trimmed);
  }
}
