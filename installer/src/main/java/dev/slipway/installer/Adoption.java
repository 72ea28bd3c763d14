package dev.slipway.installer;

import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.RootLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * {@code installer adopt} (issue #6): a root whose {@code current} is a real folder, left by a
 * manual deploy, becomes a managed root. The folder is moved (not copied) to releases/&lt;id&gt; and
 * {@code current} becomes a link to it; it has no manifest, so a later rollback to it needs --force.
 */
public final class Adoption {
  private Adoption() {}

  public static String adopt(Path rootPath) throws IOException {
    ReleaseRoot root = ReleaseRoot.openForAdoption(rootPath);
    try (RootLock lock = RootLock.acquire(root, "adopt", Duration.ZERO)) {
      java.util.Set<String> existing;
      try (var list = Files.list(root.releasesDir())) {
        existing = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      }
      String id = root.adoptCurrentDirectory(ReleaseId.next(Instant.now(), "adopted", existing).value());
      new History(root.historyFile()).append(new HistoryEntry(
          Instant.now().toString(), HistoryEntry.ADOPT, null, id, null, HistoryEntry.OK, null, null, 0));
      return id;
    }
  }
}
