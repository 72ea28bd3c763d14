package dev.slipway.installer.deps;

/** Names of the node and npm executables per OS. */
public final class NodeTools {
  private NodeTools() {}

  /** npm is a .cmd shim on Windows, which ProcessBuilder does not find as plain "npm". */
  public static String defaultNpm() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
  }
}
