package dev.slipway.format.cli;

import dev.slipway.format.ShellWords;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Ends a subcommand's {@code --help} with real examples (issue #17), set where the command line is
 * built, so each tool keeps its examples in one place beside its list of subcommands.
 */
public final class HelpExamples {
  private HelpExamples() {}

  /**
   * Adds an "Examples:" section with {@code examples}, one command line each, to {@code command}'s
   * help; none leaves the help as it is (each tool's test requires examples for every subcommand,
   * but a command without them must still run).
   */
  public static void addTo(CommandLine command, List<String> examples) {
    if (examples.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (String example : examples) {
      // Footer lines are format strings: a literal % must be doubled.
      lines.add("  " + example.replace("%", "%%"));
    }
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "%n");
    CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    usage.footerHeading("%nExamples:%n");
    usage.footer(lines.toArray(String[]::new));
  }

  /**
   * Each example as the arguments a shell would pass, without the tool's name, for the tests that
   * parse every example: a trailing backslash joins the next line, " # " starts a comment, and
   * single or double quotes group words (what is inside is taken as it is).
   */
  public static List<List<String>> asArguments(List<String> examples) {
    List<List<String>> commands = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String example : examples) {
      int comment = example.indexOf(" #");
      String line = (comment < 0 ? example : example.substring(0, comment)).strip();
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      List<String> words = ShellWords.split(pending.toString());
      commands.add(words.subList(1, words.size()));
      pending.setLength(0);
    }
    return commands;
  }
}
