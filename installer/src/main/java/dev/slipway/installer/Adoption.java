package dev.slipway.installer;

import dev.slipway.format.FailureText;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseId;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.layout.RootLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * {@code installer adopt} (issue #6): a root whose {@code current} is a real folder, left by a
 * manual deploy, becomes a managed root. The folder is moved (not copied) to releases/&lt;id&gt; and
 * {@code current} becomes a link to it; it has no manifest, so a later rollback to it needs --force.
 */
public final class Adoption {
  private Adoption() {}

  public static String adopt(Path rootPath) throws IOException {
    return adopt(rootPath, Clock.systemUTC());
  }

  /** With the clock that names the release and stamps its history line, as install and rollback take one (issue #19). */
  public static String adopt(Path rootPath, Clock clock) throws IOException {
    ReleaseRoot root = ReleaseRoot.openForAdoption(rootPath);
    History history = new History(root.historyFile());
    try (RootLock lock = RootLock.acquire(root, "adopt", Duration.ZERO)) {
      String id;
      try {
        java.util.Set<String> existing;
        try (var list = Files.list(root.releasesDir())) {
          existing = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        id = root.adoptCurrentDirectory(ReleaseId.next(clock.instant(), "adopted", existing).value());
      } catch (IOException | RuntimeException e) {
        refused(history, clock, e);
        throw e;
      }
      history.append(new HistoryEntry(
          clock.instant().toString(), HistoryEntry.ADOPT, null, id, null, HistoryEntry.OK, null, null, 0));
      return id;
    }
  }

  /** A refused adoption gets its line too: every attempt does (README, docs/RELIABILITY.md; issue #20). */
  private static void refused(History history, Clock clock, Exception e) {
    boolean interrupted = Thread.interrupted(); // an interrupted thread cannot write through a channel
    try {
      history.append(new HistoryEntry(clock.instant().toString(), HistoryEntry.ADOPT, null, null, null,
          interrupted ? HistoryEntry.ABORTED : HistoryEntry.REFUSED, HistoryEntry.ADOPT,
          interrupted ? "ABORTED" : FailureText.asFailure(e).causeCode(), 0));
    } catch (IOException | RuntimeException ignored) {
      // The refusal is what the user must see.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
