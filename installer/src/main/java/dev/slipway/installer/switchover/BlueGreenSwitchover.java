package dev.slipway.installer.switchover;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.release.Abort;
import dev.slipway.installer.release.Handover;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.release.Switchover;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link Switchover} of a root configured for blue/green (issue #21): {@link BlueGreenSwitch}
 * behind the release transaction. {@code goLive} starts the release on an idle slot, health-checks
 * it, points nginx at it and repoints {@code current}; the transaction's live check then runs while
 * the old instance still runs, so {@code switchBack} only has to point nginx back; {@code settle}
 * drains and stops the old instance.
 *
 * <p>An instance that does not start or answer changes nothing nginx sees: that is a refusal
 * ({@code SLOT_UNHEALTHY}, {@code SLOT_START_FAILED}, and {@code SLOT_RUNS_AS_ROOT} for an
 * instance that runs as root), not a switch back; the transaction marks the release bad only when it
 * did not answer ({@code SLOT_UNHEALTHY}), not for what the host is to blame for. Steps: starting and health-checking the instance are the
 * {@code switch} step; from the moment the upstream file names the new slot and {@code current}
 * the new release (the point of no return), the reload is the {@code restart} step. A failed nginx reload is the go-live failing (the transaction
 * switches back, as for a failed restart command).
 */
public final class BlueGreenSwitchover implements Switchover {
  private final SwitchConfig config;
  private final List<String> healthPaths;
  private BlueGreenSwitch.Started started;

  public BlueGreenSwitchover(SwitchConfig config, List<String> healthPaths) {
    this.config = config;
    this.healthPaths = List.copyOf(healthPaths);
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    // Starting the instance and its health check belong to the switch step; the reload is the restart.
    ReleaseRoot root = handover.root();
    BlueGreenSwitch bg = new BlueGreenSwitch(root, config, handover.reporter());
    try {
      // A refusal (SLOT_UNHEALTHY, SLOT_START_FAILED, SLOT_RUNS_AS_ROOT) goes up as it is: the
      // transaction decides whether it marks the release bad (release.GoLive).
      started = bg.start(handover.releaseId(), healthPaths);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
    return switchNginx(handover);
  }

  private Optional<String> switchNginx(Handover handover) throws IOException {
    try {
      return started.switchNginx(() -> {
        CurrentLink.switchTo(handover.root(), handover.releaseId());
        handover.markSwitched();
        handover.reporter().step("switched current " + handover.describe() + " (slot " + started.port() + ")");
        handover.enter(Step.RESTART);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    ReleaseRoot root = back.root();
    try {
      if (started != null && started.previousPort().isPresent() && oldSlotRuns(root, back.releaseId())) {
        // The old instance was never stopped (settle did not run): nginx goes back to it.
        Optional<String> failed = started.revert();
        CurrentLink.switchTo(root, back.releaseId());
        started = null;
        return failed;
      }
      // The release to go back to runs nowhere (the one live before is gone): a whole switch to it.
      BlueGreenSwitch.Started again = new BlueGreenSwitch(root, config, back.reporter()).start(back.releaseId(), List.of());
      Optional<String> failed = again.switchNginx(() -> CurrentLink.switchTo(root, back.releaseId()));
      if (failed.isEmpty()) {
        again.finish();
      }
      started = null;
      return failed;
    } catch (SlipwayException e) {
      return Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
  }

  private boolean oldSlotRuns(ReleaseRoot root, String releaseId) throws IOException {
    int old = started.previousPort().getAsInt();
    return SlotLinks.releaseOf(root, old).filter(releaseId::equals).isPresent() && SlotRepair.answers(old);
  }

  @Override
  public void settle(Handover handover) throws IOException {
    if (started == null) {
      return;
    }
    try {
      started.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Abort.interrupted();
    }
  }

  /** {@code slot b, port 3002 (was slot a, port 3001)}: which slot serves after this hand-over. */
  @Override
  public Optional<String> note() {
    if (started == null) {
      return Optional.empty();
    }
    OptionalInt was = started.previousPort();
    return Optional.of(slot(started.port()) + (was.isPresent() ? " (was " + slot(was.getAsInt()) + ")" : ""));
  }

  private String slot(int port) {
    return "slot " + (char) ('a' + config.ports().indexOf(port)) + ", port " + port;
  }
}
