package dev.slipway.installer.release;

import dev.slipway.installer.StepHook;
import dev.slipway.installer.env.Redactor;
import dev.slipway.installer.layout.HistoryEntry;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The context of one install, rollback or adopt in a {@link ReleaseTransaction}: what it was asked
 * (root, lock, how to go live) and what its steps learn on the way (archive, release, secrets,
 * staging folder), which its history line and its failure report need whenever the run ends.
 * One attempt, one run, one thread.
 */
public final class Attempt {
  /** How the release goes live: the switchover, then the live check ({@code --live-url}). */
  public record GoLiveSettings(Switchover switchover, List<String> liveUrls, Duration liveTimeout) {
    public GoLiveSettings {
      Objects.requireNonNull(switchover, "switchover");
      liveUrls = List.copyOf(liveUrls);
      Objects.requireNonNull(liveTimeout, "liveTimeout");
    }
  }

  private final String action;
  private final ReleaseRoot root;
  private final String lockPurpose;
  private final Duration lockWait;
  private final GoLiveSettings goLive;
  private final List<String> warnings = new ArrayList<>();
  private StepTracker tracker;
  private StepHook hook = StepHook.NONE;
  private String archiveSha;
  private String releaseId;
  private String from;
  private Redactor redactor = Redactor.NONE;
  private Path staging;
  private String okNote;
  private String signedBy;
  private String dependencies;

  private Attempt(String action, ReleaseRoot root, String lockPurpose, Duration lockWait, GoLiveSettings goLive) {
    this.action = action;
    this.root = Objects.requireNonNull(root, "root");
    this.lockPurpose = lockPurpose;
    this.lockWait = lockWait;
    this.goLive = Objects.requireNonNull(goLive, "goLive");
  }

  /** An install of {@code archive}; its lock holder file says so. */
  public static Attempt install(ReleaseRoot root, Path archive, Duration lockWait, GoLiveSettings goLive) {
    return new Attempt(HistoryEntry.INSTALL, root, "install " + archive, lockWait, goLive);
  }

  public static Attempt rollback(ReleaseRoot root, Duration lockWait, GoLiveSettings goLive) {
    return new Attempt(HistoryEntry.ROLLBACK, root, "rollback", lockWait, goLive);
  }

  /** An adoption of a manual deploy (issue #6): it fails at once when another run holds the lock, as it always did. */
  public static Attempt adopt(ReleaseRoot root, GoLiveSettings goLive) {
    return new Attempt(HistoryEntry.ADOPT, root, "adopt", Duration.ZERO, goLive);
  }

  void begin(StepTracker stepTracker, StepHook stepHook) {
    this.tracker = stepTracker;
    this.hook = stepHook;
  }

  public ReleaseRoot root() {
    return root;
  }

  /** Enters {@code step}: the step hook sees it, a failure from here on is recorded with it; aborts if interrupted. */
  public void enter(Step step) {
    tracker.enter(step, hook);
  }

  /** The warnings the result reports; the steps add theirs, the transaction those of the go-live. */
  public List<String> warnings() {
    return warnings;
  }

  /** The archive's SHA-256, for the history line, once it is known to be the archive's. */
  public void archiveSha(String sha256) {
    this.archiveSha = sha256;
  }

  /** The release made (or meant to be made) live, for the history line and the kept logs. */
  public void releaseId(String id) {
    this.releaseId = id;
  }

  /** The release live before a rollback: rollback's refusal lines name it, install's do not. */
  public void from(String id) {
    this.from = id;
  }

  /** The release's secrets: every failure reported and every log kept is redacted with it (issue #20). */
  public void redactor(Redactor value) {
    this.redactor = Objects.requireNonNull(value);
  }

  /** The staging folder the attempt works in until it becomes a release; removed if the run fails, null once moved. */
  public void staging(Path folder) {
    this.staging = folder;
  }

  /**
   * What the success line says beyond the release: a note on how it went (a cause code such as
   * {@code APP_RAN_AS_ROOT}), the key that signed the archive and how node_modules came to be.
   */
  public void succeededWith(String note, String signer, String dependenciesMethod) {
    this.okNote = note;
    this.signedBy = signer;
    this.dependencies = dependenciesMethod;
  }

  String action() {
    return action;
  }

  String lockPurpose() {
    return lockPurpose;
  }

  Duration lockWait() {
    return lockWait;
  }

  GoLiveSettings goLive() {
    return goLive;
  }

  StepTracker tracker() {
    return tracker;
  }

  StepHook hook() {
    return hook;
  }

  String archiveSha() {
    return archiveSha;
  }

  String releaseIdOrNull() {
    return releaseId;
  }

  String fromOrNull() {
    return from;
  }

  Redactor redactor() {
    return redactor;
  }

  Path stagingOrNull() {
    return staging;
  }

  HistoryEntry successLine(String time, Optional<String> previous, long durationMillis, Optional<String> switchNote) {
    return new HistoryEntry(time, action, archiveSha, releaseId, previous.orElse(null), HistoryEntry.OK, null, okNote,
        durationMillis, signedBy, dependencies, switchNote.orElse(null));
  }

  HistoryEntry failureLine(String time, String result, String causeCode, long durationMillis) {
    return new HistoryEntry(time, action, archiveSha, releaseId, from, result, tracker.current().label(), causeCode,
        durationMillis);
  }

  /** What an operator runs to go back once current moved; rollback names the release it came from. */
  String goBack(Optional<String> previous) {
    return HistoryEntry.ROLLBACK.equals(action) && previous.isPresent()
        ? "`installer rollback --root ROOT --to " + previous.get() + "`"
        : "`installer rollback --root ROOT`";
  }

  /** The fix of an abort after the switch; an adoption has nothing to go back to, running it again finishes it. */
  String fixAfterAbort(Optional<String> previous) {
    return HistoryEntry.ADOPT.equals(action)
        ? "run `installer adopt --root ROOT` again to finish"
        : "run the restart command yourself, or " + goBack(previous) + " to go back";
  }

  /** What an abort after the switch left undone. */
  String undoneAfterSwitch() {
    if (HistoryEntry.ADOPT.equals(action)) {
      return "linking current";
    }
    return HistoryEntry.ROLLBACK.equals(action)
        ? "the restart command or live check"
        : "the restart command, live check or retention";
  }
}
