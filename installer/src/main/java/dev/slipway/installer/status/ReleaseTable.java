package dev.slipway.installer.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code installer list}: a table whose column widths come from the data, so a long
 * app name or version does not push the later columns out of line (issue #17), then the totals.
 */
public final class ReleaseTable {
  private static final List<String> HEADINGS = List.of("RELEASE", "STATUS", "APP", "VERSION", "BUILD", "INSTALLED", "SIGNED BY", "SIZE");

  private ReleaseTable() {}

  public static List<String> lines(ReleaseList.Listing listing) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADINGS);
    for (ReleaseList.Row row : listing.rows()) {
      cells.add(List.of(row.releaseId(), row.status(), row.app(), row.version(), row.buildId(),
          row.installedAt() == null ? "-" : row.installedAt(), row.signedBy() == null ? "-" : row.signedBy(),
          human(row.sizeBytes())));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length - 1; i++) {
        text.append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length() + 2));
      }
      // SIZE is a number: right-aligned.
      String size = line.get(widths.length - 1);
      out.add(text.append(" ".repeat(widths[widths.length - 1] - size.length())).append(size).toString());
    }
    out.add("on disk: releases " + human(listing.releasesBytes()) + ", whole root " + human(listing.rootBytes())
        + " (each file once: one hard-linked into several releases counts in the newest)");
    return out;
  }

  static String human(long bytes) {
    if (bytes < 1024 * 1024) {
      return (bytes + 1023) / 1024 + " KiB";
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
