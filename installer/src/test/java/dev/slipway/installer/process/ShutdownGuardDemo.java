package dev.slipway.installer.process;

import dev.slipway.process.ProcessTree;
import dev.slipway.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stand-in installer for {@link ShutdownGuardTest}: starts a tree, registers it in a guarded
 * registry, and waits to be killed. Arguments: working directory, script, log file.
 */
public final class ShutdownGuardDemo {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    ProcessTree tree =
        ProcessTree.start(
            new ProcessSpec(
                List.of("sh", "-c", "node " + args[1] + " & wait"),
                dir,
                Map.of(),
                Path.of(args[2])));
    ShutdownGuard guard = ShutdownGuard.install(Duration.ofMillis(500));
    new ChildRegistry(dir.resolve("children.json"), guard).register(tree);
    System.out.println("guarding " + tree.pid());
    Thread.sleep(Long.MAX_VALUE); // until the test sends SIGTERM
  }
}
