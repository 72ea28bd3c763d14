package dev.slipway.installer.diagnosis;

/**
 * The causes of {@code causes.tsv} as a Markdown table for docs/reference/causes.md: one row per code, worded
 * by the code's first line, with placeholders such as {@code {module}} left in.
 */
public final class CauseTable {
  private CauseTable() {}

  /** The table for the signatures shipped with Slipway. */
  public static String markdown() {
    return markdown(Signatures.load());
  }

  public static String markdown(Signatures signatures) {
    StringBuilder table = new StringBuilder();
    table.append("| Cause code | What went wrong | Fix |\n");
    table.append("|---|---|---|\n");
    for (Cause cause : signatures.causes()) {
      table.append("| `").append(cause.code()).append("` | ")
          .append(cell(cause.explanation())).append(" | ")
          .append(cell(cause.fix())).append(" |\n");
    }
    return table.toString();
  }

  /** A pipe would end the cell (GFM wants it escaped inside code spans too); a line break would end the row. */
  static String cell(String text) {
    return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }

  /** Prints the table, for pasting into docs/reference/causes.md. */
  public static void main(String[] args) {
    System.out.print(markdown());
  }
}
