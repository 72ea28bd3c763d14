package dev.slipway.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the files Slipway writes into a release: the {@code web.config} for IIS and the {@code
 * server.js} entry.
 *
 * <p>Output is deterministic (same inputs, same bytes) and uses LF line endings; callers write it
 * as UTF-8 without a byte-order mark. Templates are classpath resources next to this class, with
 * {@code {{name}}} placeholders replaced in one pass by XML-escaped values.
 */
public final class Templates {

  /** The entry file name Slipway generates when the project has no custom server of its own. */
  public static final String DEFAULT_ENTRY_FILE = "server.js";

  /** The port a caller may choose for {@link WebConfigKind#REVERSE_PROXY} when none is given. */
  public static final int DEFAULT_REVERSE_PROXY_PORT = 3000;

  /** How the iisnode template opens its {@code <iisnode>} element (once). */
  private static final String IISNODE_ELEMENT = "<iisnode ";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)\\}\\}");

  /**
   * Characters refused in an entry file name, each because IIS or Windows would read it as
   * something else: {@code < > : " | ? *} cannot be in a Windows file name ({@code *} and {@code ?}
   * would also turn the iisnode handler path into a wildcard that runs other .js files), {@code \}
   * is written as {@code /}, {@code { }} are server variables to URL Rewrite, {@code %} is
   * expanded by HttpPlatformHandler and {@code #} ends a URL path.
   */
  private static final String REFUSED_IN_ENTRY = "<>:\"|?*\\{}%#";

  private Templates() {}

  /**
   * The {@code web.config} for {@code kind}.
   *
   * @param entryFile the file IIS starts for {@link WebConfigKind#IISNODE} and {@link
   *     WebConfigKind#HTTPPLATFORM}: a relative path inside the app with {@code /} separators, such
   *     as {@code server.js} or the project's own custom server; ignored for the other kinds
   * @param reverseProxyPort the loopback port of the node service for {@link
   *     WebConfigKind#REVERSE_PROXY} (1 to 65535); ignored for the other kinds
   * @throws IllegalArgumentException for {@link WebConfigKind#NONE} (it has no web.config), or an
   *     entry file or port that cannot be used
   */
  public static String webConfig(WebConfigKind kind, String entryFile, int reverseProxyPort) {
    return webConfig(kind, entryFile, reverseProxyPort, Optional.empty());
  }

  /**
   * The {@code web.config} for {@code kind}, starting {@code nodeExecutable} when given (issue
   * #25): the installer pins the absolute {@code node.exe} of {@code --node} into the release, so
   * a Node.js upgrade or a PATH change on the host cannot change the runtime under a running site.
   * Without it, iisnode starts its default ({@code %ProgramFiles%\nodejs\node.exe}) and
   * HttpPlatformHandler the {@code node} the app pool's PATH finds; the bytes are then exactly
   * those the packager writes.
   *
   * @param nodeExecutable an absolute path to node.exe; ignored for {@link WebConfigKind#REVERSE_PROXY}
   */
  public static String webConfig(
      WebConfigKind kind, String entryFile, int reverseProxyPort, Optional<String> nodeExecutable) {
    Objects.requireNonNull(kind, "kind");
    Optional<String> node = nodeExecutable.map(Templates::checkNodeExecutable);
    switch (kind) {
      case IISNODE:
        String iisnode = render(resource("iisnode.web.config"), Map.of("entry", checkEntry(entryFile)));
        // Only when asked: an attribute written with iisnode's default would override a
        // nodeProcessCommandLine the server sets for every site in applicationHost.config.
        // iisnode runs it as a command line, so the path is quoted (it may hold a space).
        return node.map(n -> withAttribute(iisnode, IISNODE_ELEMENT, "nodeProcessCommandLine", '"' + n + '"'))
            .orElse(iisnode);
      case HTTPPLATFORM:
        return render(
            resource("httpplatform.web.config"),
            Map.of("entryArgument", commandLineArgument(".\\" + checkEntry(entryFile)),
                "processPath", node.orElse("node")));
      case REVERSE_PROXY:
        return render(
            resource("reverse-proxy.web.config"), Map.of("port", Integer.toString(checkPort(reverseProxyPort))));
      case NONE:
        throw new IllegalArgumentException(
            "web.config kind 'none' has no web.config: the caller must not write one");
      default:
        throw new AssertionError(kind);
    }
  }

  /**
   * The generated {@code server.js} entry: starts Next in production mode from its own folder, with
   * the configuration the build resolved ({@code .next/required-server-files.json}, build paths
   * moved into the release; issue #16) when there is one, and listens on {@code PORT} exactly as
   * given (a TCP port, or the named pipe iisnode passes).
   */
  public static String serverJs() {
    return resource("server.js");
  }

  /**
   * Replaces every {@code {{name}}} in {@code template} with the XML-escaped value, in one pass
   * (a value containing {@code {{...}}} is not expanded again).
   *
   * @throws IllegalStateException if the template names a placeholder without a value, or a value
   *     is not used (the template and its caller drifted apart)
   */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String name = m.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("template placeholder {{" + name + "}} has no value");
      }
      used.add(name);
      m.appendReplacement(out, Matcher.quoteReplacement(xmlEscape(value)));
    }
    m.appendTail(out);
    if (!used.equals(values.keySet())) {
      Set<String> unused = new HashSet<>(values.keySet());
      unused.removeAll(used);
      throw new IllegalStateException("template has no placeholder for " + unused);
    }
    return out.toString();
  }

  /** Escapes {@code & < > " '} for use in XML text and attribute values. */
  static String xmlEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw new IllegalArgumentException(
                "character U+" + String.format("%04X", (int) c) + " cannot be written in XML");
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  private static String checkEntry(String entryFile) {
    if (entryFile == null || entryFile.isBlank()) {
      throw new IllegalArgumentException("entry file is required for this web.config kind (e.g. server.js)");
    }
    for (int i = 0; i < entryFile.length(); i++) {
      char c = entryFile.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "entry file contains the control character U+" + String.format("%04X", (int) c));
      }
      if (REFUSED_IN_ENTRY.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "entry file '" + entryFile + "' contains '" + c + "'; an entry file is a relative path with / "
                + "separators and none of " + REFUSED_IN_ENTRY);
      }
    }
    for (String segment : entryFile.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "entry file '" + entryFile + "' must be a relative path inside the app (no leading or "
                + "doubled /, no . or .. segments)");
      }
    }
    return entryFile;
  }

  /** {@code element} (which must occur once in {@code xml}) with {@code name="value"} first. */
  private static String withAttribute(String xml, String element, String name, String value) {
    int at = xml.indexOf(element);
    if (at < 0 || xml.indexOf(element, at + 1) >= 0) {
      throw new IllegalStateException("template must hold " + element.strip() + " exactly once");
    }
    String attribute = name + "=\"" + xmlEscape(value) + "\" ";
    return xml.substring(0, at + element.length()) + attribute + xml.substring(at + element.length());
  }

  /**
   * An absolute Windows path to node: a drive ({@code C:\\...}) or a UNC share; no quote, which
   * would end iisnode's command line early, and no control characters.
   */
  private static String checkNodeExecutable(String node) {
    boolean absolute = node.matches("(?i)[a-z]:\\\\.+") || node.startsWith("\\\\");
    if (!absolute || node.indexOf('"') >= 0 || node.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "node executable for web.config must be an absolute Windows path without quotes, e.g. "
              + "C:\\Program Files\\nodejs\\node.exe: " + node);
    }
    return node;
  }

  /** Quotes the argument for the Windows command line when it contains whitespace. */
  private static String commandLineArgument(String argument) {
    return argument.chars().anyMatch(Character::isWhitespace) ? '"' + argument + '"' : argument;
  }

  private static int checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("reverse-proxy port " + port + " is not between 1 and 65535");
    }
    return port;
  }

  /** A template resource as text: UTF-8, any byte-order mark dropped, line endings made LF. */
  private static String resource(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("template resource missing from the jar: " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.replace("\r\n", "\n").replace('\r', '\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template resource " + name, e);
    }
  }
}
