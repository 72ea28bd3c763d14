package dev.slipway.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files that run a root's releases on a Linux host (issue #21): the systemd template unit
 * {@code slipway-APP@.service} and the nginx server block. Neither format escapes, so every value
 * is checked instead: a path or name with whitespace, quotes, {@code ; { } # $ %} or a control
 * character would change what the file says, and is refused.
 */
public final class HostTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)\\}\\}");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./@:+,=\\[\\]-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private HostTemplates() {}

  /**
   * The template unit.
   *
   * @param app the unit's name part ({@code slipway-APP@.service})
   * @param root the release root, absolute
   * @param user the service user the instances run as (never root, issue #20)
   * @param node the absolute path of node
   */
  public static String systemdUnit(String app, String root, String user, String group, String node) {
    checkName("app name", app);
    checkName("user", user);
    checkName("group", group);
    if ("root".equals(user)) {
      throw new IllegalArgumentException("the instances must not run as root: name the service user");
    }
    return render(resource("systemd.service"), Map.of(
        "app", app, "root", absolute("root", root), "user", user, "group", group, "node", absolute("node", node)));
  }

  /**
   * The server block.
   *
   * @param name the upstream's name (what the upstream file defines)
   * @param listen nginx's {@code listen} value, e.g. {@code 80} or {@code 127.0.0.1:8080}
   */
  public static String nginxSite(String name, String root, String upstreamFile, String staticDir, String listen,
      String serverName) {
    checkName("upstream name", name);
    return render(resource("nginx-site.conf"), Map.of(
        "name", name, "root", absolute("root", root), "upstreamFile", absolute("upstream file", upstreamFile),
        "staticDir", absolute("static folder", staticDir), "listen", safe("listen", listen),
        "serverName", safe("server name", serverName)));
  }

  private static void checkName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be letters, digits, '_', '.' and '-': " + value);
    }
  }

  private static String absolute(String what, String path) {
    safe(what, path);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(what + " must be an absolute path: " + path);
    }
    return path;
  }

  private static String safe(String what, String value) {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " may hold only letters, digits and _ . / @ : + , = - [ ]"
          + " (no spaces, quotes or ; { } # $ %): " + value);
    }
    return value;
  }

  private static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("template placeholder {{" + m.group(1) + "}} has no value");
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!used.equals(values.keySet())) {
      throw new IllegalStateException("template does not use every value: " + values.keySet() + " vs " + used);
    }
    return out.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HostTemplates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("template resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template resource " + name, e);
    }
  }
}
