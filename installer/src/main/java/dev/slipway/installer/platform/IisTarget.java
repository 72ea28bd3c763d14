package dev.slipway.installer.platform;

import java.util.Optional;

/**
 * The IIS site, and optionally the application inside it, whose physical path the installer
 * repoints: {@code --iis-site NAME [--iis-app /PATH]} (issue #25).
 *
 * @param site the site's name as IIS Manager shows it, e.g. {@code Default Web Site}
 * @param app the application's virtual path, e.g. {@code /shop}; empty for the site's root
 *     application
 */
public record IisTarget(String site, Optional<String> app) {
  /** cmd.exe and appcmd read these themselves; a name holding one cannot be passed safely. */
  private static final String REFUSED = "\"%^&|<>";

  public IisTarget {
    check("--iis-site", site);
    app = app.map(IisTarget::normalizeApp);
  }

  public static IisTarget of(String site, String appOrNull) {
    return new IisTarget(site, Optional.ofNullable(appOrNull));
  }

  /** appcmd's identifier of the application: {@code Default Web Site/} or {@code Default Web Site/shop}. */
  public String appId() {
    return site + app.orElse("/");
  }

  /** appcmd's identifier of the application's root virtual directory: always ends in {@code /}. */
  public String vdirId() {
    return app.map(a -> site + a + "/").orElse(site + "/");
  }

  /** How messages name it: {@code site 'Default Web Site'} or {@code application 'Default Web Site/shop'}. */
  public String describe() {
    return app.isPresent() ? "IIS application '" + appId() + "'" : "IIS site '" + site + "'";
  }

  private static String normalizeApp(String app) {
    String slashed = app.strip().replace('\\', '/');
    if (!slashed.startsWith("/")) {
      slashed = "/" + slashed;
    }
    while (slashed.length() > 1 && slashed.endsWith("/")) {
      slashed = slashed.substring(0, slashed.length() - 1);
    }
    check("--iis-app", slashed);
    if (slashed.equals("/")) {
      throw new IllegalArgumentException("--iis-app / is the site's root application: leave --iis-app out");
    }
    return slashed;
  }

  private static void check(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || REFUSED.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            option + " '" + value + "' holds a character cmd.exe or appcmd would read (" + REFUSED + " or a control)");
      }
    }
  }
}
