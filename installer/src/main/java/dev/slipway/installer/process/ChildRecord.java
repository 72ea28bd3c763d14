package dev.slipway.installer.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One started process tree as written to the {@link ChildRegistry}: enough to find it again in a
 * later run, and to tell it apart from an unrelated process that got the same pid.
 *
 * @param pid the tree's root
 * @param processGroup the group created for the tree, if any (Unix with setsid)
 * @param startInstant when the OS says the root started
 * @param command the command, for messages (never environment values)
 */
public record ChildRecord(
    long pid, OptionalLong processGroup, Instant startInstant, String command) {

  /**
   * How far two readings of one process's start instant may differ. The JDK derives it on Linux
   * from the boot time in /proc/stat (whole seconds, and known to wobble by a second between reads
   * as the clock is adjusted) plus the start tick; for a reused pid to fool this check, an
   * unrelated process would have to get the pid within this window of the original's start.
   */
  static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  public ChildRecord {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive: " + pid);
    }
    Objects.requireNonNull(processGroup, "processGroup");
    if (processGroup.isPresent() && processGroup.getAsLong() <= 1) {
      // 0 and 1 would address our own group or init's: never a group we created.
      throw new IllegalArgumentException(
          "not a process group we create: " + processGroup.getAsLong());
    }
    Objects.requireNonNull(startInstant, "startInstant");
    Objects.requireNonNull(command, "command");
  }

  /** Whether {@code other} is (within {@link #START_TOLERANCE}) the instant this root started. */
  boolean startedAt(Instant other) {
    return Duration.between(startInstant, other).abs().compareTo(START_TOLERANCE) <= 0;
  }

  /** Whether {@code other} is not earlier than this root's start (group members start later). */
  boolean startedNoEarlierThan(Instant other) {
    return !other.isBefore(startInstant.minus(START_TOLERANCE));
  }
}
