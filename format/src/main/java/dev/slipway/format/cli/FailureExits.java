package dev.slipway.format.cli;

import dev.slipway.format.FailureText;
import dev.slipway.format.SlipwayException;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What both tools do with a failure a subcommand throws: report it (the first line says what is
 * wrong, then evidence, then the fix; as JSON when {@code --json} was given) and exit with its
 * kind's code, mapped once in {@link dev.slipway.format.FailureKind} (after jbang). Subcommands
 * just throw.
 */
public final class FailureExits implements CommandLine.IExecutionExceptionHandler {
  private final Function<Exception, SlipwayException> asFailure;

  /** Every exception as {@link FailureText#asFailure} names it. */
  public FailureExits() {
    this(FailureText::asFailure);
  }

  /** With a mapping of one's own: the installer reports a run stopped by a signal as that signal. */
  public FailureExits(Function<Exception, SlipwayException> asFailure) {
    this.asFailure = Objects.requireNonNull(asFailure, "asFailure");
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    SlipwayException failure = asFailure.apply(e);
    FailureText.report(failure, e, cli.getErr(), cli.getOut(), wantsJson(parsed));
    return failure.kind().exitCode();
  }

  private static boolean wantsJson(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }
}
