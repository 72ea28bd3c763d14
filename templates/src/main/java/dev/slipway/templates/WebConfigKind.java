package dev.slipway.templates;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which {@code web.config} the packager writes next to the app, chosen on the command line by
 * {@link #cliName()}.
 */
public enum WebConfigKind {
  /** IIS runs node through the iisnode module; node listens on a named pipe given in PORT. */
  IISNODE("iisnode", true),
  /** IIS runs node through HttpPlatformHandler (maintained; iisnode is not) on a TCP port. */
  HTTPPLATFORM("httpplatform", true),
  /** IIS (URL Rewrite + ARR) proxies to a node process that runs separately as a service. */
  REVERSE_PROXY("reverse-proxy", false),
  /** No web.config at all: the app is not served by IIS. */
  NONE("none", false);

  private final String cliName;
  private final boolean needsEntryFile;

  WebConfigKind(String cliName, boolean needsEntryFile) {
    this.cliName = cliName;
    this.needsEntryFile = needsEntryFile;
  }

  /**
   * The kind named {@code value} ({@code iisnode}, {@code httpplatform}, {@code reverse-proxy} or
   * {@code none}), ignoring case.
   *
   * @throws IllegalArgumentException naming the valid values, for anything else (null included)
   */
  public static WebConfigKind parse(String value) {
    if (value != null) {
      String wanted = value.toLowerCase(Locale.ROOT);
      for (WebConfigKind kind : values()) {
        if (kind.cliName.equals(wanted)) {
          return kind;
        }
      }
    }
    String valid = Arrays.stream(values()).map(WebConfigKind::cliName).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "unknown web.config kind '" + value + "': expected one of " + valid);
  }

  /** The name used on the command line and in messages, e.g. {@code reverse-proxy}. */
  public String cliName() {
    return cliName;
  }

  /**
   * True when the archive is for IIS, so for a Windows host, whose file systems cannot hold some
   * names Linux can (see ArchivePaths.windowsProblem): every kind but {@code none}.
   */
  public boolean forWindows() {
    return this != NONE;
  }

  /** True when IIS itself starts node with an entry file (server.js), so one must be shipped. */
  public boolean needsEntryFile() {
    return needsEntryFile;
  }
}
