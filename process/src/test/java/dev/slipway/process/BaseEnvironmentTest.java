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

  @Test
  void theWholeEnvironmentOfAnOperatorsCommandDropsOnlyWindowsPerDriveEntriesWhichARunnerRefuses() {
    Map<String, String> parent =
        Map.of(
            "PATH", "C:\\Windows",
            "NEXT_PUBLIC_API", "https://api.example/",
            "XDG_RUNTIME_DIR", "/run/user/1000",
            "=C:", "C:\\app",
            "=ExitCode", "00000000");

    Map<String, String> whole = BaseEnvironment.whole(parent);

    assertThat(whole).containsOnlyKeys("PATH", "NEXT_PUBLIC_API", "XDG_RUNTIME_DIR");
    // What RestartCommand, the slot commands and the packager's build steps hand the runner.
    assertThat(new ProcessSpec(java.util.List.of("cmd.exe"), java.nio.file.Path.of("."), whole,
        java.nio.file.Path.of("log")).env()).isEqualTo(whole);
  }
}
