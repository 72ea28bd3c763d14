package dev.slipway.packager.analysis;

import java.util.List;

/**
 * Writes source maps for tests, as Turbopack does for server chunks: one segment per module start,
 * on one generated line.
 */
public final class SourceMaps {
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private SourceMaps() {}

  /** A module that starts at {@code column} of line 0 of the chunk. */
  public record Module(int column, String source) {}

  /** The JSON of a map whose line 0 holds {@code modules}, in column order. */
  public static String oneLine(List<Module> modules) {
    StringBuilder sources = new StringBuilder();
    StringBuilder mappings = new StringBuilder();
    int column = 0;
    for (int i = 0; i < modules.size(); i++) {
      Module module = modules.get(i);
      sources.append(i == 0 ? "" : ",").append('"').append(module.source()).append('"');
      mappings.append(i == 0 ? "" : ",")
          .append(vlq(module.column() - column)).append(vlq(i == 0 ? 0 : 1)).append(vlq(0)).append(vlq(0));
      column = module.column();
    }
    return "{\"version\":3,\"sources\":[" + sources + "],\"sourcesContent\":[],\"names\":[],\"mappings\":\""
        + mappings + "\"}";
  }

  static String vlq(int number) {
    int value = number < 0 ? ((-number) << 1) | 1 : number << 1;
    StringBuilder out = new StringBuilder();
    do {
      int digit = value & 31;
      value >>>= 5;
      out.append(BASE64.charAt(value > 0 ? digit | 32 : digit));
    } while (value > 0);
    return out.toString();
  }
}
