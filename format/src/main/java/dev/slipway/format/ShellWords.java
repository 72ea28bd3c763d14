package dev.slipway.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one shell command line into words the way {@code sh} does for plain words: white space
 * separates them, and single or double quotes group words (what is inside is taken as it is, with
 * no escapes or expansions). Enough for what both tools read: a package.json lifecycle script
 * (issue #16) and the examples of each subcommand's help (issue #17). One copy, so the two never
 * disagree on a quoted word.
 */
public final class ShellWords {
  private ShellWords() {}

  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
