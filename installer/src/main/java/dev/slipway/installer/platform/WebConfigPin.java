package dev.slipway.installer.platform;

import dev.slipway.format.Manifest;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pins the absolute {@code node.exe} of {@code --node} into a release's generated {@code
 * web.config} (issue #25, item 3), before the release goes live: iisnode's {@code
 * nodeProcessCommandLine} or HttpPlatformHandler's {@code processPath}. The archive cannot carry it
 * (CI does not know where the server keeps Node), and the release's own copy is the one IIS reads.
 *
 * <p>Only a {@code web.config} byte for byte as the packager generated it is rewritten; one the
 * project replaced, or a reverse-proxy one (IIS does not start node there), is left alone.
 */
public final class WebConfigPin {
  static final String FILE = "web.config";

  private WebConfigPin() {}

  /** @return what was done, for the step line; empty when nothing was (or nothing needed to be) */
  public static Optional<String> apply(Path release, Manifest.Start start, String node) throws IOException {
    if (!isAbsoluteWindowsPath(node) || start == null || start.entry() == null || start.webConfig() == null) {
      return Optional.empty();
    }
    WebConfigKind kind;
    try {
      kind = WebConfigKind.parse(start.webConfig());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (kind != WebConfigKind.IISNODE && kind != WebConfigKind.HTTPPLATFORM) {
      return Optional.empty();
    }
    Path file = release.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String generated = Templates.webConfig(kind, start.entry(), Templates.DEFAULT_REVERSE_PROXY_PORT);
    if (!Files.readString(file, StandardCharsets.UTF_8).equals(generated)) {
      return Optional.of("web.config is not the one Slipway generated: left as it is, node not pinned");
    }
    String pinned = Templates.webConfig(kind, start.entry(), Templates.DEFAULT_REVERSE_PROXY_PORT, Optional.of(node));
    Files.writeString(file, pinned, StandardCharsets.UTF_8);
    return Optional.of("web.config (" + kind.cliName() + ") starts " + node);
  }

  static boolean isAbsoluteWindowsPath(String node) {
    return node != null && (node.matches("(?i)[a-z]:\\\\.+") || node.startsWith("\\\\"));
  }
}
