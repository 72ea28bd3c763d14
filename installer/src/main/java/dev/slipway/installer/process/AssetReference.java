package dev.slipway.installer.process;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first {@code src} or {@code href} attribute of an HTML page whose value starts with a
 * prefix such as {@code /_next/static/} (issue #16, item 8): a build whose {@code .next/static} is
 * missing or stale serves its pages and fails every script and stylesheet, which a check of pages
 * alone does not see. An asset on another host (assetPrefix, a CDN) does not start with the
 * prefix and is not looked for.
 */
final class AssetReference {
  private static final Pattern ATTRIBUTE =
      Pattern.compile("\\b(?:src|href)\\s*=\\s*(?:\"([^\"<>\\s]*)\"|'([^'<>\\s]*)'|([^\"'<>\\s]+))", Pattern.CASE_INSENSITIVE);

  private AssetReference() {}

  static Optional<String> first(String html, String prefix) {
    Matcher m = ATTRIBUTE.matcher(html);
    while (m.find()) {
      String value = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String path = value.replace("&amp;", "&");
      if (path.startsWith(prefix) && path.length() > prefix.length() && validPath(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static boolean validPath(String path) {
    try {
      HealthPoller.checkPath(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
