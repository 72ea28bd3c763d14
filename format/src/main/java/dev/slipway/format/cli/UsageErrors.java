package dev.slipway.format.cli;

import dev.slipway.format.FailureKind;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How both tools answer a command line they cannot parse (issue #17): the one thing that is wrong,
 * then where the usage is, in two lines. Picocli's default printed the whole usage (40 lines for
 * {@code install}) under the message, which pushed the message off the screen.
 *
 * <pre>
 * error: Unknown option: '--rot' (did you mean --root?)
 * Run 'installer install --help' for usage.
 * </pre>
 *
 * <p>An unknown word wins over a missing required option: picocli checks required options first,
 * so {@code install x --rot /srv} failed with "Missing required option '--root'", which hid the
 * typo that caused it.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + message(e));
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return FailureKind.USAGE.exitCode();
  }

  /** The first line's text, without "error: ". */
  static String message(ParameterException e) {
    CommandLine cli = e.getCommandLine();
    List<String> unmatched =
        e instanceof UnmatchedArgumentException u ? u.getUnmatched() : cli.getUnmatchedArguments();
    for (String word : unmatched) {
      if (word.startsWith("-")) {
        return "Unknown option: '" + word + "'" + closest(cli, word);
      }
    }
    // An extra word beside a missing option is most likely that option's value without its name
    // (install x /srv): the missing option is what to report.
    if (unmatched.isEmpty() || e instanceof CommandLine.MissingParameterException) {
      return e.getMessage();
    }
    String first = unmatched.get(0);
    return (cli.getSubcommands().isEmpty() ? "Unexpected argument" : "Unknown command") + ": '" + first + "'"
        + closest(cli, first);
  }

  private static String closest(CommandLine cli, String word) {
    List<String> suggestions = new UnmatchedArgumentException(cli, List.of(word)).getSuggestions();
    return suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)";
  }
}
