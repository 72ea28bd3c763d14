package dev.slipway.installer.switchover;

import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code ROOT/slots/PORT}: a link to the release a slot runs, {@code ../releases/ID}. The start
 * command reads it ({@code {release}} is the release folder itself), and the generated systemd
 * unit runs {@code ROOT/slots/%i/server.js}, so one template unit serves every release. Replaced
 * like {@code current}: a new link under a temporary name, renamed over the old one.
 */
final class SlotLinks {
  static final String DIR = "slots";

  private SlotLinks() {}

  static Path link(ReleaseRoot root, int port) {
    return root.path().resolve(DIR).resolve(Integer.toString(port));
  }

  static void point(ReleaseRoot root, int port, String releaseId) throws IOException {
    ReleaseId id = ReleaseId.parse(releaseId);
    Path dir = Files.createDirectories(root.path().resolve(DIR));
    Path next = dir.resolve("." + port + ".next");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, Path.of("..", "releases", id.value()));
    try {
      Files.move(next, link(root, port), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(next);
      throw e;
    }
  }

  /** The release the slot was last pointed at; empty when it has no link (never used, or cleared). */
  static Optional<String> releaseOf(ReleaseRoot root, int port) throws IOException {
    try {
      Path target = Files.readSymbolicLink(link(root, port));
      String name = target.getFileName() == null ? "" : target.getFileName().toString();
      return ReleaseId.isValid(name) ? Optional.of(name) : Optional.empty();
    } catch (NoSuchFileException | NotLinkException e) {
      return Optional.empty();
    }
  }

  static void clear(ReleaseRoot root, int port) throws IOException {
    Files.deleteIfExists(link(root, port));
  }
}
