package dev.slipway.installer.switchover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Issue #21: Server Actions and deploys. Next encrypts the variables a Server Action closes over
 * with a key made fresh by every build unless {@code NEXT_SERVER_ACTIONS_ENCRYPTION_KEY} is set; a
 * page opened before a deploy then sends what the new release cannot read. A build uses Server
 * Actions when {@code .next/server/server-reference-manifest.json} lists any (its {@code node} or
 * {@code edge} object has entries).
 */
public final class ServerActionsKey {
  public static final String NAME = "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY";
  static final String MANIFEST = ".next/server/server-reference-manifest.json";

  private ServerActionsKey() {}

  /**
   * The warning, when the release uses Server Actions and {@code env} (what it will run with) has
   * no key.
   */
  public static Optional<String> warning(Path release, Map<String, String> env) {
    String key = env.get(NAME);
    if (key != null && !key.isBlank()) {
      return Optional.empty();
    }
    int actions = countActions(release.resolve(MANIFEST));
    if (actions == 0) {
      return Optional.empty();
    }
    return Optional.of("the app has " + actions + " Server Action(s) and " + NAME + " is not set: pages opened before"
        + " a deploy fail their actions after it; set it (`openssl rand -base64 32`) in the env file, the same on"
        + " every server, and keep it across deploys");
  }

  static int countActions(Path manifest) {
    try {
      JsonNode root = Json.mapper().readTree(Files.readAllBytes(manifest));
      return root.path("node").size() + root.path("edge").size();
    } catch (IOException e) {
      return 0; // no manifest (pages router, older Next), or one we cannot read: nothing to say
    }
  }
}
