package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseEnvironmentTest {

  @Test
  void keepsWhatProgramsNeedAndTheNetworkSetupButNotNodeOrAppSettings() {
    Map<String, String> parent =
        Map.of(
            "PATH", "/usr/bin",
            "HOME", "/root",
            "LC_CTYPE", "C.UTF-8",
            "https_proxy", "http://proxy:3128",
            "npm_config_registry", "https://mirror.example/",
            "NODE_OPTIONS", "--inspect",
            "NODE_ENV", "development",
            "DATABASE_URL", "postgres://secret",
            "SystemRoot", "C:\\Windows");

    assertThat(BaseEnvironment.from(parent))
        .containsOnlyKeys(
            "PATH", "HOME", "LC_CTYPE", "https_proxy", "npm_config_registry", "SystemRoot");
  }
}
