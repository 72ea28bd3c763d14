package dev.slipway.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The unprivileged service user that archive code runs as when the installer runs as root (issue
 * #20: a crafted archive's install scripts and server.js ran as uid 0 and wrote outside the root).
 *
 * <p>Privileges are dropped with util-linux {@code setpriv} in front of the command: real and
 * effective uid and gid become the user's, supplementary groups are the user's own ({@code
 * --init-groups}, not root's), and no capability survives into the command ({@code
 * --inh-caps=-all}). {@code HOME}, {@code USER} and {@code LOGNAME} name the user, so npm and the
 * app never read or write root's home.
 *
 * @param name the user's login name
 * @param uid its uid; never 0
 * @param gid its primary group
 * @param home a folder the user owns, given to the child as {@code HOME}
 */
public record RunAs(String name, int uid, int gid, Path home) {

  public RunAs {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(home, "home");
    if (uid <= 0 || gid < 0) {
      throw new IllegalArgumentException("a service user must not be root: uid " + uid + ", gid " + gid);
    }
  }

  /** {@code setpriv ... --} followed by {@code command}. */
  List<String> wrap(Path setpriv, List<String> command) {
    return Stream.concat(
            Stream.of(
                setpriv.toString(),
                "--reuid=" + uid,
                "--regid=" + gid,
                "--init-groups",
                "--inh-caps=-all",
                "--"),
            command.stream())
        .toList();
  }

  /** The variables that name the user, replacing the installer's own. */
  Map<String, String> environment() {
    return Map.of("HOME", home.toString(), "USER", name, "LOGNAME", name);
  }
}
