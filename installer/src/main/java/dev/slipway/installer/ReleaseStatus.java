package dev.slipway.installer;

import dev.slipway.format.Manifest;
import dev.slipway.installer.doctor.LiveRelease;
import dev.slipway.installer.layout.History;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRecord;
import dev.slipway.installer.release.AlreadyLive;
import dev.slipway.installer.status.FleetFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code installer status}: what runs on this host (issue #24). A fleet play compares it across
 * hosts (one build everywhere) and the Ansible role reads it; so it only reads, never locks, and
 * names the live release by what it came from: build id and archive SHA-256.
 *
 * @param app app name, version and build id are "-" for an adopted release without a manifest and
 *     "?" when its manifest cannot be read ({@code problem} says why, null otherwise)
 * @param archiveSha256 the archive the release was installed from; null when unknown (adopted)
 * @param installedAt when the release was installed; null when unknown
 * @param wentLiveAt when it last went live: the newest history line that made it live
 *     ({@code install}, {@code rollback} or {@code adopt}); an install of the archive that was
 *     already live is a note, not a go-live ({@link AlreadyLive}); null when history does not say
 * @param wentLiveBy {@code install}, {@code rollback}, {@code adopt}, or null as for wentLiveAt
 * @param fleet what must agree across hosts beyond the build ({@link FleetFacts})
 */
public record ReleaseStatus(
    String releaseId,
    String app,
    String version,
    String buildId,
    String archiveSha256,
    String installedAt,
    String wentLiveAt,
    String wentLiveBy,
    Map<String, String> envFingerprints,
    String cacheHandler,
    String problem) {

  public ReleaseStatus {
    envFingerprints = Map.copyOf(envFingerprints);
  }

  /**
   * Reads the live release of {@code rootPath}.
   *
   * @throws dev.slipway.format.SlipwayException {@code NO_LIVE_RELEASE} and the other refusals of
   *     {@link LiveRelease#open}
   */
  public static ReleaseStatus read(Path rootPath) throws IOException {
    LiveRelease live = LiveRelease.open(rootPath);
    String missing = live.manifestProblem().isPresent() ? "?" : "-";
    Optional<Manifest> manifest = live.manifest();
    Optional<ReleaseRecord> record = new ReleaseMarks(live.root()).read(live.releaseId());
    Optional<HistoryEntry> wentLive = wentLive(new History(live.root().historyFile()).readAll(), live.releaseId());
    FleetFacts facts = FleetFacts.of(live.dir());
    return new ReleaseStatus(
        live.releaseId(),
        manifest.map(m -> m.app().name()).orElse(missing),
        manifest.map(m -> m.app().version()).orElse(missing),
        manifest.map(Manifest::buildId).orElse(missing),
        record.map(ReleaseRecord::archiveSha256).orElse(null),
        record.map(ReleaseRecord::installedAt).map(ReleaseStatus::seconds).orElse(null),
        wentLive.map(e -> seconds(Instant.parse(e.time()))).orElse(null),
        wentLive.map(HistoryEntry::action).orElse(null),
        facts.envFingerprints(),
        facts.cacheHandler(),
        live.manifestProblem().orElse(null));
  }

  /** The newest successful line that made {@code releaseId} live, skipping already-live notes. */
  static Optional<HistoryEntry> wentLive(List<HistoryEntry> history, String releaseId) {
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEntry entry = history.get(i);
      if (HistoryEntry.OK.equals(entry.result()) && releaseId.equals(entry.releaseId())
          && !AlreadyLive.NOTE.equals(entry.causeCode())) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** One field a line, for {@code installer status} without --json. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("release: " + releaseId);
    lines.add("app: " + app);
    lines.add("version: " + version);
    lines.add("build: " + buildId);
    lines.add("archive sha256: " + orUnknown(archiveSha256));
    lines.add("installed at: " + orUnknown(installedAt));
    lines.add("went live: " + (wentLiveAt == null ? "unknown (history.jsonl does not say)" : wentLiveAt + " by " + wentLiveBy));
    envFingerprints.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> lines.add("env " + e.getKey() + ": " + e.getValue()));
    lines.add("cache handler: " + orUnknown(cacheHandler));
    if (problem != null) {
      lines.add("problem: " + problem);
    }
    return lines;
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
