package dev.slipway.installer.switchover;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.user.ServiceUser;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issue #21, section 6: slot instances never run as root. The generated unit runs them with {@code
 * User=}, but a start command of the operator's own ({@code pm2 start …}, a script) runs as the
 * installer, which is often root. So once a new instance answers, the owner of the socket it listens
 * on is looked up ({@link ListeningSockets}): uid 0 while the root names a service user ({@code
 * ROOT/.slipway/config.json}, from {@code install --service-user}) refuses the switch before nginx
 * is touched. Without a service user (an installer that is not root, or {@code --allow-root-app})
 * there is no one else to run as: a warning says so instead.
 */
final class InstanceUser {
  private InstanceUser() {}

  /**
   * @param serving what nginx serves meanwhile ({@code slot 3001}), for the message
   * @param owners the uids owning the sockets that listen on {@code port} (none found: nothing to say)
   * @return the refusal to throw once the instance is stopped; empty when it may serve
   */
  static Optional<SlipwayException> check(ReleaseRoot root, SwitchConfig config, int port, String serving,
      Set<Integer> owners, Reporter reporter, List<String> warnings) {
    if (!owners.contains(0)) {
      return Optional.empty();
    }
    Optional<String> user = ServiceUser.configured(root);
    String evidence = "127.0.0.1:" + port + " is listened on by a socket of uid 0 (/proc/net/tcp); start command: "
        + config.startCommand();
    String fix = "run the instance as the service user: use the generated unit (`installer systemd-unit --service-user "
        + user.orElse("NAME") + "`, `systemctl start slipway-APP@{port}`), or prefix the start command's server with"
        + " `runuser -u \"$SLIPWAY_SERVICE_USER\" --` (or `setpriv`), then install again (" + SwitchConfigFile.path(root) + ")";
    if (user.isEmpty()) {
      String warning = "the new instance on slot " + port + " runs as root (uid 0) and no service user is configured ("
          + evidence + "); " + fix.replace("\"$SLIPWAY_SERVICE_USER\"", "USER");
      reporter.warn(warning);
      warnings.add(warning);
      return Optional.empty();
    }
    return Optional.of(new SlipwayException(FailureKind.APP_USER, "SLOT_RUNS_AS_ROOT",
        "refused: the new instance on slot " + port + " runs as root (uid 0), not as the service user " + user.get()
            + "; nginx still serves " + serving
            + ", the new instance was stopped",
        evidence, fix));
  }

  /** {@link #check} with the sockets as Linux lists them now. */
  static Optional<SlipwayException> check(ReleaseRoot root, SwitchConfig config, int port, String serving,
      Reporter reporter, List<String> warnings) throws IOException {
    return check(root, config, port, serving, ListeningSockets.uids(port), reporter, warnings);
  }
}
