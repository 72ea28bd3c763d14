package dev.slipway.packager.analysis;

import dev.slipway.format.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The commands of a one-line npm script ({@code sh -c}, no {@code -e}) and whether each one's
 * failure fails the script: enough to predict what {@code npm ci} does with a lifecycle script, not a
 * shell. A failure fails the script when nothing after it recovers: {@code a && b} skips {@code b}
 * and keeps failing; {@code a || true} (or {@code || exit 0}, {@code || :}, {@code || echo ...})
 * recovers; after {@code ;} or {@code &} the script goes on and a later command decides the exit
 * status; in a pipe {@code a | b} only the last command's status counts.
 */
public final class ShellCommands {
  /** One command: its first word (after env assignments and npx), and whether its failure fails the script. */
  public record Command(String name, String text, boolean failureFailsScript) {}

  private static final Set<String> RECOVERING = Set.of("true", ":", "echo");

  private ShellCommands() {}

  public static List<Command> parse(String script) {
    List<String> parts = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    split(script, parts, operators);
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = commandName(ShellWords.split(parts.get(i)));
      if (name != null) {
        commands.add(new Command(name, parts.get(i).strip(), failureFailsScript(i, parts, operators)));
      }
    }
    return commands;
  }

  private static boolean failureFailsScript(int failed, List<String> parts, List<String> operators) {
    int at = failed;
    while (at < operators.size()) {
      switch (operators.get(at)) {
        case "&&" -> at++; // the next command is skipped; still failing after it
        case "||" -> {
          return !recovers(ShellWords.split(parts.get(at + 1)));
        }
        default -> {
          return false; // ; & | : a later command decides the script's status
        }
      }
    }
    return true;
  }

  private static boolean recovers(List<String> words) {
    if (words.isEmpty()) {
      return false;
    }
    String first = words.get(0);
    // A bare `exit` exits with the failed command's status, so only `exit 0` recovers.
    return RECOVERING.contains(first) || first.equals("exit") && words.size() > 1 && words.get(1).equals("0");
  }

  /** The first word that names a program: after subshell brackets, VAR=value assignments, and npx with its options. */
  private static String commandName(List<String> words) {
    int i = 0;
    while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*|[({!]")) {
      i++;
    }
    if (i < words.size() && words.get(i).equals("npx")) {
      i++;
      while (i < words.size() && words.get(i).startsWith("-")) {
        i++;
      }
    }
    return i < words.size() ? words.get(i).replaceFirst("^[({]+", "") : null;
  }

  /** Splits on && || ; | & outside quotes; parts.size() == operators.size() + 1. */
  private static void split(String script, List<String> parts, List<String> operators) {
    StringBuilder part = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        part.append(c);
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < script.length()) {
          part.append(script.charAt(++i));
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        part.append(c);
      } else if (c == '\\' && i + 1 < script.length()) {
        part.append(c).append(script.charAt(++i));
      } else if (c == '&' && redirection(script, i)) {
        part.append(c);
      } else if (c == '&' || c == '|' || c == ';' || c == '\n') {
        boolean doubled = (c == '&' || c == '|') && i + 1 < script.length() && script.charAt(i + 1) == c;
        operators.add(c == '\n' ? ";" : doubled ? "" + c + c : "" + c);
        if (doubled) {
          i++;
        }
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
  }

  /** The & of 2>&1, >&2 or &>file, which joins streams and ends no command. */
  private static boolean redirection(String script, int at) {
    return at > 0 && (script.charAt(at - 1) == '>' || script.charAt(at - 1) == '<')
        || at + 1 < script.length() && script.charAt(at + 1) == '>';
  }
}
