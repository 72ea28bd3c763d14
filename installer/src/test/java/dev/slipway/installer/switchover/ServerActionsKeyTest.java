package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: a build with Server Actions and no NEXT_SERVER_ACTIONS_ENCRYPTION_KEY gets a warning. */
class ServerActionsKeyTest {
  @TempDir Path tmp;

  /** The shape `next build` writes (Next 14-16): action ids under node/edge, and a per-build key. */
  static final String WITH_ACTIONS = """
      {"node":{"7f3a9c":{"workers":{"app/page":{"moduleId":1,"async":false}},"layer":{"app/page":"action-browser"}}},
       "edge":{},"encryptionKey":"process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"}""";

  @Test
  void warnsWhenTheBuildHasServerActionsAndTheKeyIsNotSet() throws Exception {
    Path release = release(WITH_ACTIONS);
    assertThat(ServerActionsKey.warning(release, Map.of())).hasValueSatisfying(w -> assertThat(w)
        .contains("1 Server Action(s)").contains("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set"));
  }

  @Test
  void saysNothingWhenTheKeyIsSetOrTheBuildHasNoActions() throws Exception {
    assertThat(ServerActionsKey.warning(release(WITH_ACTIONS), Map.of(ServerActionsKey.NAME, "c2VjcmV0"))).isEmpty();
    assertThat(ServerActionsKey.warning(release("{\"node\":{},\"edge\":{}}"), Map.of())).isEmpty();
    assertThat(ServerActionsKey.warning(Files.createDirectories(tmp.resolve("pages-router")), Map.of())).isEmpty();
  }

  private Path release(String manifest) throws Exception {
    Path release = Files.createTempDirectory(tmp, "release");
    Path file = release.resolve(ServerActionsKey.MANIFEST);
    Files.createDirectories(file.getParent());
    Files.writeString(file, manifest);
    return release;
  }
}
