package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAsTest {
  private final RunAs app = new RunAs("app", 998, 997, Path.of("/srv/shop/shared/home"));

  @Test
  void theCommandRunsBehindSetprivWithTheUsersIdsItsOwnGroupsAndNoCapabilities() {
    assertThat(app.wrap(Path.of("/usr/bin/setpriv"), List.of("/usr/bin/node", "server.js"))).containsExactly(
        "/usr/bin/setpriv", "--reuid=998", "--regid=997", "--init-groups", "--inh-caps=-all", "--",
        "/usr/bin/node", "server.js");
  }

  @Test
  void homeUserAndLognameNameTheServiceUser() {
    assertThat(app.environment())
        .containsEntry("HOME", "/srv/shop/shared/home")
        .containsEntry("USER", "app")
        .containsEntry("LOGNAME", "app");
  }

  @Test
  void rootIsNeverAServiceUser() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RunAs("root", 0, 0, Path.of("/root")));
  }

  @Test
  void aProcessSpecNamesItsUserButNoEnvironmentValue() {
    ProcessSpec spec = new ProcessSpec(List.of("node"), Path.of("/srv"), java.util.Map.of("TOKEN", "s3cret-value"),
        Path.of("/tmp/log"), java.util.Optional.of(app));
    assertThat(spec.toString()).contains("as app").doesNotContain("s3cret-value");
  }
}
