package dev.slipway.format.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildVersionTest {
  @Test
  void theLineNamesVersionCommitJavaAndPlatform() {
    assertThat(new BuildVersion("0.9.0", "abc1234").line("installer"))
        .isEqualTo("installer 0.9.0 (commit abc1234) on Java " + System.getProperty("java.version") + ", "
            + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + " " + System.getProperty("os.arch"));
  }

  @Test
  void thisBuildKnowsItsMavenVersionAndItsCommit() throws Exception {
    BuildVersion version = BuildVersion.ofThisBuild();

    // Filtered at build time, in this same Maven run: the checkout's HEAD, or unknown outside git.
    assertThat(version.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(version.commit()).isEqualTo(head());
  }

  private static String head() throws Exception {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      return git.waitFor() == 0 ? out : "unknown";
    } catch (java.io.IOException noGit) {
      return "unknown";
    }
  }

  @Test
  void aBuildOutsideGitOrUnfilteredSaysUnknown() {
    assertThat(new BuildVersion("0.9.0", "${slipway.commit}").commit()).isEqualTo("unknown");
    assertThat(new BuildVersion(null, " ").line("packager")).startsWith("packager unknown (commit unknown) on Java ");
  }
}
