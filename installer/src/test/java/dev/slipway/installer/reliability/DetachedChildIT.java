package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20: a server.js that double-forks a detached child with a cleared environment. The child
 * leaves the smoke-start's process group, is no descendant once its parent exits and carries no
 * owner mark, so it survived the smoke-start, running inside the new release.
 */
class DetachedChildIT {
  /** sh in a new session (detached), with no environment, in the release; sh exits and leaves sleep to init. */
  static final String DOUBLE_FORK = """
      require('child_process').spawn('/bin/sh', ['-c', '/bin/sleep 300 & exit 0'],
        { detached: true, stdio: 'ignore', env: {}, cwd: __dirname }).unref();
      """;

  @TempDir Path tmp;

  @Test
  void aDoubleForkedChildWithAClearedEnvironmentDoesNotOutliveTheSmokeStart() throws Exception {
    Path archive = TinyApps.archive("double-fork", "f8",
        project -> TinyApps.write(project.resolve("server.js"), DOUBLE_FORK + TinyApps.SERVER_JS));
    Root root = Root.create(tmp.resolve("root"));
    try {
      Cli.Result install = Cli.run(tmp.resolve("logs"), "install", archive.toString(), "--root", root.arg());

      assertThat(install.exitCode()).as(install.toString()).isZero();
      root.awaitNoProcesses(Duration.ofSeconds(5));
      assertThat(install.stderrText()).as("the child was found and stopped")
          .contains("stopped 1 process(es) the release left running after the smoke-start").contains("sleep 300");
    } finally {
      root.killProcesses();
    }
  }
}
