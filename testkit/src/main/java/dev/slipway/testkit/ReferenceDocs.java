package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user reference under {@code docs/reference/} (issue #19): the tables users and scripts rely on
 * live there, and tests read them so a row cannot go missing when code adds a code or an option.
 */
public final class ReferenceDocs {
  private ReferenceDocs() {}

  /** The text of {@code docs/reference/NAME}. */
  public static String read(String name) {
    Path file = ExampleApp.repoRoot().resolve("docs").resolve("reference").resolve(name);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What {@code docs/reference/cli.md} does not document: for each command ({@code "installer
   * install"}), every option name (as {@code --root}) that is not in a table row of the command's
   * own section, headed {@code ## `installer install`}. Empty when the reference is complete.
   */
  public static List<String> undocumentedOptions(Map<String, List<String>> optionsByCommand) {
    String cli = read("cli.md");
    List<String> missing = new ArrayList<>();
    optionsByCommand.forEach((command, options) -> {
      String section = section(cli, "## `" + command + "`");
      if (section == null) {
        missing.add(command + " (no section)");
        return;
      }
      for (String option : options) {
        boolean documented = section.lines()
            .anyMatch(line -> line.startsWith("| `" + option + "`") || line.startsWith("| `" + option + " "));
        if (!documented) {
          missing.add(command + " " + option);
        }
      }
    });
    return missing;
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading + "\n");
    if (start < 0) {
      return null;
    }
    int end = markdown.indexOf("\n## ", start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }
}
