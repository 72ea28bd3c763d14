package dev.slipway.packager.analysis;

/**
 * The one rule for what we accept as an environment variable name: {@code [A-Za-z_][A-Za-z0-9_]*}.
 */
final class EnvVarName {
  private EnvVarName() {}

  // Narrower than what a process environment can hold, on purpose: these are the names a shell
  // can export and a systemd EnvironmentFile can set, so every name we record can be supplied.
  static boolean isValid(String name) {
    if (name == null || name.isEmpty() || !isStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!isStart(name.charAt(i)) && !(name.charAt(i) >= '0' && name.charAt(i) <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
}
