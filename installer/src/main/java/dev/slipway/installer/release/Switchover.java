package dev.slipway.installer.release;

import java.io.IOException;
import java.util.Optional;

/**
 * How a checked release becomes the one that serves: the one seam between the release transaction
 * (lock, steps, history, live check, switch-back policy, truthful failures) and the way a host
 * serves an app. Today's way is {@link LinkAndRestart} (repoint {@code current}, run
 * {@code --restart-command}); blue/green behind nginx (#21) and IIS (#25) are other
 * implementations (issue #19).
 *
 * <p><b>Who does what.</b> The transaction enters the {@code switch} step, then calls {@link
 * #goLive}. When it returns empty, the transaction runs the live check ({@code --live-url}, step
 * {@code live}); when that passes it calls {@link #settle}. When {@code goLive} or the live check
 * reports a failure, the transaction marks the new release bad, picks the release to go back to
 * (the previous one, or the newest good one when that is gone) and calls {@link #switchBack}; with
 * nothing to go back to, the new release stays live. A switchover never runs the live check,
 * marks releases or writes history: the policy stays in one place.
 *
 * <p><b>Contract of {@link #goLive}.</b>
 * <ul>
 *   <li>Call {@link Handover#markSwitched()} at the point of no return: the moment the new release
 *       serves, or will serve at the next restart (for a link: right after {@code current} is
 *       repointed). Before it, a failure or signal is reported as "nothing changed"; after it, as
 *       "after the switch: current now points to ...".
 *   <li>Enter {@link Step#RESTART} through {@link Handover#enter} when the server is made to pick
 *       the release up (a restart, an app pool recycle, an nginx reload); what comes before that
 *       (starting an instance on an idle port, its health check) belongs to the {@code switch}
 *       step. Steps only move forward, and the live check enters {@code live} after them: the crash
 *       tests hold a run at a named step and kill it there, and history's failed step comes from it.
 *   <li>{@code handover.previous()} is empty on a fresh root: there is nothing to drain or stop.
 *   <li>Return empty when the release serves as far as the switchover can tell. Return a short
 *       sentence ({@code "the restart command exited with 1 (see …)"}) when it could not make it
 *       serve: the transaction then switches back. Throw only for what is unexpected (an I/O error,
 *       {@link Abort#interrupted()} on a signal): the transaction reports it truthfully, before or
 *       after the switch as {@code markSwitched} says, and records it in history. A refusal of
 *       its own (a {@code SlipwayException} with its cause code) thrown before {@code markSwitched}
 *       is reported as it is, with a {@code refused} history line and nothing switched back: the
 *       way to say "the new instance did not start; the old one still serves". The transaction
 *       marks the release bad when the refusal's kind is {@code SMOKE_FAILED} (the release did not
 *       answer), not when it blames the host ({@code SWITCH_FAILED}, {@code APP_USER}).
 *   <li>Crash safety: a kill -9 at any instant must leave a host that serves either the previous
 *       release or the new one, never neither, and a state the next run can repair under the lock
 *       (for a link: {@code CurrentLink.switchTo} renames a new link over the old one). Whatever the
 *       switchover starts runs as a {@code process.ProcessTree}, so a signal stops all of it.
 * </ul>
 *
 * <p><b>Contract of {@link #switchBack}.</b> Make {@code back.releaseId()} serve again after
 * {@code back.previous()} failed to go live; the same crash safety. The target is the release that
 * served before, or the newest good one when that was deleted, so it may not be running any more.
 * Return empty, or what failed (the transaction adds "but restarting it failed too: …" to its
 * message); its {@link Handover#enter} does nothing, the failed step stays the one history names.
 *
 * <p><b>{@link #settle}</b> runs once the new release passed the live check (blue/green: drain and
 * stop the old instance); its failure is a warning, as the release is live. {@link #note} is a
 * short note for the history line ({@code "slot b, port 3101"}, {@code "IIS site shop"}); empty
 * keeps the line as it always was.
 */
public interface Switchover {
  /**
   * Makes {@code handover.releaseId()} the release that serves, in place of {@code
   * handover.previous()}; called in the {@code switch} step.
   *
   * @return empty when it serves, else what failed (the transaction switches back)
   */
  Optional<String> goLive(Handover handover) throws IOException;

  /**
   * Makes {@code back.releaseId()} serve again after {@code back.previous()} failed to go live.
   *
   * @return empty when it serves again, else what failed
   */
  Optional<String> switchBack(Handover back) throws IOException;

  /** After the live check passed: what is left to finish (blue/green: drain and stop the old instance). */
  default void settle(Handover handover) throws IOException {}

  /** A short note for the history line of this hand-over; empty keeps the line as it was. */
  default Optional<String> note() {
    return Optional.empty();
  }
}
