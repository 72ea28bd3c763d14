package dev.slipway.installer.user;

import java.util.Objects;
import java.util.Optional;

/**
 * Who the operator said archive code runs as (issue #20): {@code --service-user NAME}, or nothing
 * (then ROOT/.slipway/config.json decides), and whether {@code --allow-root-app} lets it run as
 * root when the installer is root and no user is configured.
 */
public record AppUser(Optional<String> serviceUser, boolean allowRootApp) {
  /** No user named, root refused: what a plain {@code installer install} means. */
  public static final AppUser UNSET = new AppUser(Optional.empty(), false);

  /** {@code --allow-root-app}: archive code may run as root when no service user is configured. */
  public static final AppUser ROOT_ALLOWED = new AppUser(Optional.empty(), true);

  public AppUser {
    Objects.requireNonNull(serviceUser, "serviceUser");
  }

  public static AppUser named(String name) {
    return new AppUser(Optional.of(name), false);
  }
}
