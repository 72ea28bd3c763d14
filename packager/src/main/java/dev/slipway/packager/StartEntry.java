package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.templates.Templates;
import dev.slipway.templates.WebConfigKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one file that starts every release, whatever {@code --web-config} says (issue #16, item 2):
 * {@code server.js} at the release's root, which the smoke-start, {@code doctor}, IIS and a
 * service all run as {@code node server.js}. Slipway no longer relies on {@code npm start}.
 *
 * <p>The project's own {@code server.js} (a custom server) is the entry when there is one.
 * Otherwise the generated entry starts Next with the build's resolved configuration from {@code
 * .next/required-server-files.json}, as Next's own standalone server does, so no {@code
 * next.config.*} is loaded (nor transpiled: a {@code next.config.ts} needs no {@code typescript})
 * on the server.
 */
final class StartEntry {
  static final String ENTRY = Templates.DEFAULT_ENTRY_FILE;
  /** The port the reverse-proxy web.config forwards to; the service that runs node must use it. */
  static final int REVERSE_PROXY_PORT = Templates.DEFAULT_REVERSE_PROXY_PORT;
  /** What the generated entry reads its configuration from; every `next build` since Next 12 writes it. */
  static final String SERVER_FILES = ".next/required-server-files.json";

  private final boolean generated;

  private StartEntry(boolean generated) {
    this.generated = generated;
  }

  /** The entry of the project in {@code dir}: its own server.js, or the generated one. */
  static StartEntry of(Path dir) {
    return new StartEntry(!Files.isRegularFile(dir.resolve(ENTRY), LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * Whether Slipway generates the entry; then next.config.* is not loaded on the server, so what
   * it imports need not be installed there.
   */
  boolean generated() {
    return generated;
  }

  /** Refuses a build the generated entry cannot start: one without required-server-files.json. */
  void checkBuild(Path dir) {
    if (generated && !Files.isRegularFile(dir.resolve(SERVER_FILES))) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "NO_SERVER_FILES",
          "incomplete build: " + SERVER_FILES + " is missing, and the generated server.js starts Next with the"
              + " configuration it holds: run next build again, or pass --build",
          null, "packager package --build (next build writes " + SERVER_FILES + " since Next.js 12)");
    }
  }

  /** Adds the entry and, for IIS and the reverse proxy, the web.config that runs it. */
  Manifest.Start addTo(ProjectFiles files, WebConfigKind kind) throws IOException {
    if (generated) {
      // Takes PORT unparsed, since iisnode hands a named pipe there.
      files.addGenerated(ENTRY, utf8(Templates.serverJs()));
    } else {
      files.addFile(ENTRY);
    }
    if (kind != WebConfigKind.NONE) {
      files.addGenerated("web.config", utf8(Templates.webConfig(kind, ENTRY, REVERSE_PROXY_PORT)));
    }
    return new Manifest.Start(kind.cliName(), ENTRY, null);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
