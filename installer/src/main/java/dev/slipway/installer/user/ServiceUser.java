package dev.slipway.installer.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.process.CapturedCommand;
import dev.slipway.process.RunAs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides who archive code (npm ci with its install scripts, the smoke start, doctor's entry check)
 * runs as (issue #20). An installer that is not root runs everything as itself. A root installer
 * runs it as the service user: {@code --service-user NAME}, recorded in {@code
 * ROOT/.slipway/config.json} as {@code {"serviceUser":"NAME"}} so later runs (and doctor) use it
 * without the flag; without one it refuses ({@code APP_WOULD_RUN_AS_ROOT}) unless {@code
 * --allow-root-app} is given, which is a warning and a history note.
 */
public final class ServiceUser {
  static final String CONFIG = "config.json";
  static final String FIELD = "serviceUser";
  public static final String ROOT_NOTE = "APP_RAN_AS_ROOT";
  /** Login names as useradd accepts them; also keeps a name from passing as an option to getent. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}\\$?");
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);
  private static final String USERADD = "useradd --system --no-create-home app";

  /**
   * @param runAs the user to drop to; empty: archive code runs as the installer
   * @param rootAllowed the installer is root and {@code --allow-root-app} let archive code run as root
   */
  public record Decision(Optional<RunAs> runAs, boolean rootAllowed) {}

  private ServiceUser() {}

  /**
   * @throws SlipwayException APP_USER: root without a user (APP_WOULD_RUN_AS_ROOT), a user that
   *     does not exist (SERVICE_USER_UNKNOWN), or root named as the user (SERVICE_USER_IS_ROOT)
   */
  public static Decision decide(ReleaseRoot root, AppUser choice, Reporter reporter)
      throws IOException, InterruptedException {
    return decide(root, choice, reporter, true);
  }

  /**
   * {@link #decide(ReleaseRoot, AppUser, Reporter)} for {@code doctor}, which writes nothing into
   * the root: a user named on its command line is used, not remembered.
   */
  public static Decision decideWithoutRecording(ReleaseRoot root, AppUser choice)
      throws IOException, InterruptedException {
    return decide(root, choice, Reporter.SILENT, false);
  }

  private static Decision decide(ReleaseRoot root, AppUser choice, Reporter reporter, boolean remember)
      throws IOException, InterruptedException {
    if (!installerIsRoot()) {
      choice.serviceUser().ifPresent(name -> reporter.warn("--service-user " + name
          + " has no effect: the installer is not root, so the release runs as this user, as the installer does"));
      return new Decision(Optional.empty(), false);
    }
    Optional<String> name = choice.serviceUser().or(() -> configured(root));
    if (name.isPresent()) {
      RunAs user = lookUp(name.get(), root.sharedDir().resolve("home"));
      if (remember && choice.serviceUser().isPresent()) {
        record(root, user.name());
      }
      reporter.step("archive code runs as the service user " + user.name() + " (uid " + user.uid() + ")");
      return new Decision(Optional.of(user), false);
    }
    if (!choice.allowRootApp()) {
      throw new SlipwayException(FailureKind.APP_USER, "APP_WOULD_RUN_AS_ROOT",
          "refused: the installer runs as root and no service user is configured, so the archive's install"
              + " scripts and server would run as root",
          null,
          "create a user for the app (`" + USERADD + "`) and pass `--service-user app` (it is remembered in ROOT/.slipway/"
              + CONFIG + "), or pass --allow-root-app to run it as root anyway");
    }
    reporter.warn("--allow-root-app: the archive's install scripts and server run as root");
    return new Decision(Optional.empty(), true);
  }

  /**
   * The user ROOT/.slipway/config.json names, when this installer is root: what a rollback gives
   * the refreshed .env.production to, so the app it restarts can still read it.
   */
  public static Optional<RunAs> remembered(ReleaseRoot root) throws IOException, InterruptedException {
    Optional<String> name = installerIsRoot() ? configured(root) : Optional.empty();
    return name.isPresent() ? Optional.of(lookUp(name.get(), root.sharedDir().resolve("home"))) : Optional.empty();
  }

  /** Whether this process's effective uid is 0: /proc/self belongs to it (Linux). */
  static boolean installerIsRoot() {
    Path self = Path.of("/proc/self");
    try {
      return Files.exists(self) && ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The service user ROOT/.slipway/config.json names, if any. */
  public static Optional<String> configured(ReleaseRoot root) {
    Path file = root.stateDir().resolve(CONFIG);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      JsonNode user = node == null ? null : node.get(FIELD);
      return user != null && user.isTextual() ? Optional.of(user.asText()) : Optional.empty();
    } catch (IOException e) {
      throw new SlipwayException(FailureKind.APP_USER, "SERVICE_CONFIG_UNREADABLE",
          "cannot read " + file + ", which names the service user the release runs as", e.getMessage(),
          "fix or delete the file, then pass --service-user NAME");
    }
  }

  private static void record(ReleaseRoot root, String name) throws IOException {
    if (configured(root).filter(name::equals).isPresent()) {
      return;
    }
    Path file = root.stateDir().resolve(CONFIG);
    Path partial = root.stateDir().resolve(CONFIG + ".partial");
    Files.writeString(partial, Json.line(Map.of(FIELD, name)) + "\n", StandardCharsets.UTF_8);
    // A move replaces a planted link instead of writing through it.
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The user's uid and gid from the system's user database ({@code getent passwd}, which also sees LDAP/NSS users). */
  static RunAs lookUp(String name, Path home) throws IOException, InterruptedException {
    if (!NAME.matcher(name).matches()) {
      throw unknown(name, "not a valid user name");
    }
    CapturedCommand.Output found = CapturedCommand.run(List.of("getent", "passwd", name), Map.of(), LOOKUP_TIMEOUT);
    String[] fields = found.output().strip().split(":", -1);
    if (found.exitCode().orElse(-1) != 0 || fields.length < 4 || !fields[0].equals(name)) {
      throw unknown(name, "getent passwd " + name + " found no such user");
    }
    int uid = Integer.parseInt(fields[2]);
    if (uid == 0) {
      throw new SlipwayException(FailureKind.APP_USER, "SERVICE_USER_IS_ROOT",
          "refused: the service user " + name + " has uid 0, so the release would run as root", null,
          "create an unprivileged user (`" + USERADD + "`) and pass `--service-user app`");
    }
    return new RunAs(name, uid, Integer.parseInt(fields[3]), home);
  }

  private static SlipwayException unknown(String name, String evidence) {
    return new SlipwayException(FailureKind.APP_USER, "SERVICE_USER_UNKNOWN",
        "refused: the service user " + name + " does not exist on this host", evidence,
        "create it (`useradd --system --no-create-home " + (NAME.matcher(name).matches() ? name : "app")
            + "`) or name an existing user with --service-user");
  }
}
