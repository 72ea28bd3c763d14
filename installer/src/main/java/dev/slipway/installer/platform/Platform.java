package dev.slipway.installer.platform;

import dev.slipway.installer.layout.CurrentPointer;
import dev.slipway.installer.layout.InUseRetry;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between the hosts the installer runs on (issue #25, item 1), behind one interface
 * with a Linux and a Windows implementation: how {@code current} is switched, how a file in use is
 * retried, the longest path a release may have, how a process tree is stopped. How the web server
 * is told lives with the release transaction's switchover (restart command, or {@link IisSwitch}).
 */
public interface Platform {

  /** How a process tree is stopped ({@code process.TreeStopper} acts on it per host). */
  enum TreeStop {
    /** Unix: the tree runs in its own process group (setsid); the group and every descendant are signalled. */
    GROUP_AND_DESCENDANTS,
    /** Windows: no process groups; every descendant found is terminated (TerminateProcess). */
    DESCENDANTS
  }

  String name();

  CurrentPointer current();

  InUseRetry inUse();

  /** The path limit of this host, asked of it once (Windows reads the registry). */
  PathLimit pathLimit() throws InterruptedException;

  TreeStop treeStop();

  /** The platform of the host this JVM runs on. */
  static Platform ofThisHost(Map<String, String> env) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return windows ? new WindowsPlatform(new ProcessCommandRunner(), WindowsInUseRetry.sleeping()) : new LinuxPlatform();
  }
}
