package dev.slipway.installer.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An argument list written as one Windows command line, the way the JDK's ProcessBuilder passes it
 * to CreateProcess: an argument with a space, a tab or nothing in it is put in double quotes. Used
 * to show a command the operator can paste into cmd.exe, and by tests to compare whole lines.
 */
public final class WindowsCommandLine {
  private WindowsCommandLine() {}

  /** @throws IllegalArgumentException for an argument holding a double quote (never ours to pass) */
  public static String of(List<String> argv) {
    return argv.stream().map(WindowsCommandLine::argument).collect(Collectors.joining(" "));
  }

  static String argument(String arg) {
    if (arg.indexOf('"') >= 0) {
      throw new IllegalArgumentException("a double quote cannot be passed safely on a Windows command line: " + arg);
    }
    boolean quote = arg.isEmpty() || arg.chars().anyMatch(c -> c == ' ' || c == '\t');
    return quote ? '"' + arg + '"' : arg;
  }
}
