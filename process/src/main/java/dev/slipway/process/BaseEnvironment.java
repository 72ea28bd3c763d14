package dev.slipway.process;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The few variables a child inherits from the installer; everything else it gets is passed
 * explicitly.
 *
 * <p>Why not inherit everything: the installer often runs from an operator's shell or a CI job
 * whose environment changes what node and npm do ({@code NODE_OPTIONS}, {@code
 * NODE_ENV=development}, {@code NODE_PATH}) or carries unrelated secrets. The smoke start must
 * behave like the service will, with the release's own environment.
 *
 * <p>What is kept: what programs need to run at all (PATH, HOME, locale, temp folders; on Windows
 * SystemRoot, without which Winsock cannot initialise, and ComSpec, which npm uses to run scripts),
 * how this server reaches the network (proxy variables, extra CA certificates), and the operator's
 * npm configuration ({@code npm_config_*}: registry mirror, proxy, cafile), which npm reads from
 * the environment exactly as from {@code .npmrc}.
 */
public final class BaseEnvironment {

  private static final Set<String> KEPT =
      Set.of(
          // every platform
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "LANG",
          "LANGUAGE",
          "TZ",
          "TMPDIR",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "ALL_PROXY",
          "NODE_EXTRA_CA_CERTS",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          // Windows
          "SYSTEMROOT",
          "SYSTEMDRIVE",
          "WINDIR",
          "COMSPEC",
          "PATHEXT",
          "TEMP",
          "TMP",
          "USERPROFILE",
          "USERNAME",
          "USERDOMAIN",
          "APPDATA",
          "LOCALAPPDATA",
          "PROGRAMDATA",
          "PROGRAMFILES",
          "PROGRAMFILES(X86)",
          "COMMONPROGRAMFILES",
          "HOMEDRIVE",
          "HOMEPATH",
          "NUMBER_OF_PROCESSORS",
          "PROCESSOR_ARCHITECTURE",
          "OS");

  private static final String[] KEPT_PREFIXES = {"LC_", "NPM_CONFIG_"};

  private BaseEnvironment() {}

  /**
   * The kept subset of {@code parent}. Names are compared case-insensitively: Windows treats {@code
   * Path} and {@code PATH} as one variable, and the proxy variables come in both cases on Unix.
   */
  public static Map<String, String> from(Map<String, String> parent) {
    Map<String, String> kept = new TreeMap<>();
    parent.forEach(
        (name, value) -> {
          if (isKept(name)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  /** The kept subset of this JVM's environment. */
  public static Map<String, String> ofThisProcess() {
    return from(System.getenv());
  }

  /**
   * This JVM's whole environment, for the operator's own commands (a restart command, slot start and
   * stop commands, the build machine's npm and next build), which need all of it ({@code systemctl
   * --user} needs {@code XDG_RUNTIME_DIR}, {@code next build} inlines {@code NEXT_PUBLIC_*}).
   */
  public static Map<String, String> wholeOfThisProcess() {
    return whole(System.getenv());
  }

  /**
   * {@code parent} without Windows' hidden per-drive entries ({@code =C:=C:\app}): no program reads
   * them, and {@link ProcessSpec} refuses a name holding {@code =}, so passing them on made every
   * such command fail on Windows (an IIS restart command among them, issue #25).
   */
  static Map<String, String> whole(Map<String, String> parent) {
    Map<String, String> env = new TreeMap<>(parent);
    env.keySet().removeIf(name -> name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0);
    return env;
  }

  static boolean isKept(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (KEPT.contains(upper)) {
      return true;
    }
    for (String prefix : KEPT_PREFIXES) {
      if (upper.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
