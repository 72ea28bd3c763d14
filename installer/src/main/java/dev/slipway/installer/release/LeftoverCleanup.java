package dev.slipway.installer.release;

import dev.slipway.format.Reporter;
import dev.slipway.installer.archive.Staging;
import dev.slipway.installer.layout.ReleaseRoot;
import dev.slipway.installer.process.ChildRecord;
import dev.slipway.installer.process.ChildRegistry;
import dev.slipway.installer.smoke.OrphanSweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs right after the lock is taken (issue #6): an installer killed with SIGKILL could neither
 * stop its smoke-start processes nor remove its staging folder. Holding the lock, we know no other
 * run owns them, so both go now.
 */
public final class LeftoverCleanup {
  private LeftoverCleanup() {}

  public static ChildRegistry run(ReleaseRoot root, Reporter reporter) throws IOException {
    ChildRegistry children = new ChildRegistry(root.stateDir().resolve("children.json"), pid -> OrphanSweep.marked(root, pid));
    List<ChildRecord> reaped = children.reapLeftovers(record -> reporter.warn("left process " + record.pid()
        + " alone: " + children.file().getFileName() + " names it, but it does not carry this root's mark (was the file"
        + " planted? check who can write " + root.stateDir() + ")"));
    if (!reaped.isEmpty()) {
      reporter.warn("stopped " + reaped.size() + " process tree(s) left running by an interrupted earlier run");
    }
    int orphans = OrphanSweep.stopOrphans(root);
    if (orphans > 0) {
      reporter.warn("stopped " + orphans + " process(es) an interrupted earlier run started but did not record");
    }
    for (Path staging : root.stagingDirs()) {
      reporter.warn("removing " + staging.getFileName() + ", left by an interrupted earlier run");
      Staging.remove(staging);
    }
    return children;
  }
}
