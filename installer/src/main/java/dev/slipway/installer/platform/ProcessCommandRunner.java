package dev.slipway.installer.platform;

import dev.slipway.process.CapturedCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real {@link CommandRunner}: the installer's one captured-command runner ({@link
 * CapturedCommand}, issue #19), so a hung {@code appcmd} is stopped with everything it started.
 */
public final class ProcessCommandRunner implements CommandRunner {
  /** appcmd answers in well under a second; a recycle waits for nothing. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Override
  public Result run(List<String> command) throws IOException, InterruptedException {
    CapturedCommand.Output out = CapturedCommand.run(command, Map.of(), TIMEOUT);
    return new Result(out.exitCode().orElse(-1), out.output().strip());
  }
}
