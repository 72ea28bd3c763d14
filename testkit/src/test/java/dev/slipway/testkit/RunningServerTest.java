package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningServerTest {
  /**
   * Like next start: a parent node that serves from a child process. The child answers with the
   * PORT and GREETING it was given.
   */
  private static final String PARENT_WITH_SERVING_CHILD =
      "const { spawn } = require('child_process');\n"
          + "spawn(process.execPath, ['-e', `require('http').createServer((q, s) =>"
          + " s.end(process.env.PORT + ' ' + process.env.GREETING)).listen(process.env.PORT, '127.0.0.1')`],"
          + " { stdio: 'inherit' });\n"
          + "setInterval(() => {}, 1000);\n";

  @Test
  void servesOnItsLoopbackPortWithTheGivenEnvironmentAndCloseStopsTheWholeTree(@TempDir Path tmp) {
    RunningServer server =
        RunningServer.start(
            List.of("node", "-e", PARENT_WITH_SERVING_CHILD), tmp, Map.of("GREETING", "hi"), tmp.resolve("log"));
    List<ProcessHandle> tree;
    try {
      HttpResult answer = server.awaitStatus("/", 200, Duration.ofSeconds(30));
      String port = server.url("").substring("http://127.0.0.1:".length());
      assertThat(answer.body()).isEqualTo(port + " hi");
      tree = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
      assertThat(tree).as("the parent and its serving child").hasSizeGreaterThanOrEqualTo(2);
    } finally {
      server.close();
    }

    assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("pid " + p.pid()).isFalse());
  }
}
