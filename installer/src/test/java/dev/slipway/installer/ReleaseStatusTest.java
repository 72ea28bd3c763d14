package dev.slipway.installer;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.release.AlreadyLive;
import dev.slipway.installer.status.FleetFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/** {@code installer status} on roots made by hand: what it reads and how it says it (issue #24). */
class ReleaseStatusTest {
  static final String ID = "20261127T163000Z-build1";
  static final String OTHER = "20261127T153000Z-build0";

  @TempDir Path tmp;

  Path liveRoot() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("releases").resolve(ID));
    Files.createDirectories(root.resolve("shared"));
    Files.createSymbolicLink(root.resolve("current"), Path.of("releases", ID));
    return root;
  }

  static HistoryEntry line(String time, String action, String releaseId, String causeCode) {
    return new HistoryEntry(time, action, null, releaseId, null, HistoryEntry.OK, null, causeCode, 1);
  }

  @Test
  void aRootWithNoLiveReleaseIsRefusedWithItsCauseCode() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("empty").resolve("releases")).getParent();

    SlipwayException refused = catchThrowableOfType(() -> ReleaseStatus.read(root), SlipwayException.class);

    assertThat(refused.causeCode()).isEqualTo("NO_LIVE_RELEASE");
  }

  @Test
  void wentLiveIsTheNewestLineThatMadeTheReleaseLiveNotAnAlreadyLiveNote() {
    List<HistoryEntry> history = List.of(
        line("2026-11-27T16:30:00Z", HistoryEntry.INSTALL, ID, null),
        line("2026-11-27T16:40:00Z", HistoryEntry.INSTALL, OTHER, null),
        line("2026-11-27T16:50:00Z", HistoryEntry.ROLLBACK, ID, null),
        line("2026-11-27T17:00:00Z", HistoryEntry.INSTALL, ID, AlreadyLive.NOTE));

    HistoryEntry wentLive = ReleaseStatus.wentLive(history, ID).orElseThrow();

    assertThat(wentLive.action()).isEqualTo(HistoryEntry.ROLLBACK);
    assertThat(wentLive.time()).isEqualTo("2026-11-27T16:50:00Z");
  }

  @Test
  void theKeyIsComparedByAFingerprintNeverByValueAndADefaultCacheIsTheFileSystem() throws Exception {
    Path root = liveRoot();
    Path release = root.resolve("releases").resolve(ID);
    Files.writeString(release.resolve(".env.production"), "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=s3cret-value\n");
    Files.createDirectories(release.resolve(".next"));
    Files.writeString(release.resolve(".next/required-server-files.json"), "{\"config\":{\"cacheHandler\":null}}");

    ReleaseStatus status = ReleaseStatus.read(root);

    String fingerprint = status.envFingerprints().get("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
    assertThat(fingerprint).isEqualTo(FleetFacts.fingerprint("s3cret-value")).matches("sha256:[0-9a-f]{12}");
    assertThat(status.cacheHandler()).isEqualTo("file-system");
    assertThat(String.join("\n", status.lines())).doesNotContain("s3cret-value");
  }

  @Test
  void anAdoptedReleaseWithoutManifestOrKeyIsShownOneFieldALine() throws Exception {
    Path root = liveRoot();
    Path release = root.resolve("releases").resolve(ID);
    Files.createDirectories(release.resolve(".next"));
    Files.writeString(release.resolve(".next/required-server-files.json"), "{\"config\":{\"cacheHandler\":\"/srv/app/cache.js\"}}");
    Files.writeString(root.resolve("history.jsonl"),
        "{\"time\":\"2026-11-27T16:30:00Z\",\"action\":\"adopt\",\"releaseId\":\"" + ID + "\",\"result\":\"ok\",\"durationMillis\":3}\n");

    ReleaseStatus status = ReleaseStatus.read(root);

    assertThat(status.lines()).containsExactly(
        "release: " + ID,
        "app: -",
        "version: -",
        "build: -",
        "archive sha256: unknown",
        "installed at: unknown",
        "went live: 2026-11-27T16:30:00Z by adopt",
        "env NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: missing",
        "cache handler: /srv/app/cache.js");
  }
}
