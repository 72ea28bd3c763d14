package dev.slipway.installer.release;

import dev.slipway.installer.layout.CurrentLink;
import dev.slipway.installer.layout.CurrentPointer;
import java.io.IOException;
import java.util.Optional;

/**
 * The switchover of issues #3 and #4: atomically repoint {@code current} ({@link
 * CurrentLink#switchTo}: a new link under a temporary name, renamed over the old one), then run
 * {@code --restart-command} so the server picks it up. Switching back does the same towards the
 * release that served before. On Windows {@code current} is a junction instead ({@code
 * platform.JunctionCurrent}, issue #25): the pointer is the platform's.
 */
public final class LinkAndRestart implements Switchover {
  private final CurrentPointer current;
  private final Optional<String> restartCommand;

  public LinkAndRestart(Optional<String> restartCommand) {
    this(CurrentLink::switchTo, restartCommand);
  }

  public LinkAndRestart(CurrentPointer current, Optional<String> restartCommand) {
    this.current = current;
    this.restartCommand = restartCommand;
  }

  @Override
  public Optional<String> goLive(Handover handover) throws IOException {
    current.switchTo(handover.root(), handover.releaseId());
    handover.markSwitched();
    handover.reporter().step("switched current " + handover.describe());
    handover.enter(Step.RESTART);
    if (restartCommand.isEmpty()) {
      return Optional.empty();
    }
    handover.reporter().step("restarting: " + restartCommand.get());
    return RestartCommand.run(handover.root(), restartCommand.get(), handover.releaseId());
  }

  @Override
  public Optional<String> switchBack(Handover back) throws IOException {
    current.switchTo(back.root(), back.releaseId());
    if (restartCommand.isEmpty()) {
      return Optional.empty();
    }
    return RestartCommand.run(back.root(), restartCommand.get(), back.releaseId());
  }
}
