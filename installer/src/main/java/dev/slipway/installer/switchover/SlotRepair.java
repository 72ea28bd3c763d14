package dev.slipway.installer.switchover;

import dev.slipway.format.Reporter;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The start of every blue/green run (issue #21, crash safety): a run killed with SIGKILL may have
 * left a second instance running, or rewritten the upstream file without reloading nginx. The
 * upstream file is the truth. When the slot it names answers, nginx is reloaded (so it surely
 * follows the file) and every other slot is stopped. When it does not answer but another slot
 * does, the file is pointed at that one first: nginx must send requests somewhere that answers.
 */
final class SlotRepair {
  private final ReleaseRoot root;
  private final SwitchConfig config;
  private final Reporter reporter;

  SlotRepair(ReleaseRoot root, SwitchConfig config, Reporter reporter) {
    this.root = root;
    this.config = config;
    this.reporter = reporter;
  }

  /** @return the live slot after the repair; empty before the first switch */
  OptionalInt repair(List<String> warnings) throws IOException, InterruptedException {
    OptionalInt named = UpstreamFile.livePort(config.upstreamFile());
    if (named.isPresent() && SlotLinks.releaseOf(root, named.getAsInt()).isEmpty() && !answers(named.getAsInt())) {
      named = OptionalInt.empty(); // the placeholder `installer blue-green` writes: no switch yet
    }
    OptionalInt live = named;
    if (named.isPresent() && !answers(named.getAsInt())) {
      int dead = named.getAsInt();
      Optional<Integer> other = config.ports().stream().filter(p -> p != dead && answers(p)).findFirst();
      if (other.isPresent()) {
        warn(config.upstreamFile() + " named slot " + named.getAsInt() + ", which does not answer; slot " + other.get()
            + " does, so nginx is pointed back at it", warnings);
        UpstreamFile.write(config.upstreamFile(), config.upstreamName(), other.get());
        live = OptionalInt.of(other.get());
      } else {
        warn("slot " + named.getAsInt() + ", which nginx is pointed at, does not answer, nor does any other slot", warnings);
      }
    }
    boolean reloaded = false;
    for (int port : config.ports()) {
      if (live.isPresent() && port == live.getAsInt()) {
        continue;
      }
      if (SlotLinks.releaseOf(root, port).isEmpty() && !answers(port)) {
        continue;
      }
      if (live.isPresent() && !reloaded) {
        // Before anything is stopped: a run killed between writing the file and the reload left
        // nginx on the old slot, the one about to be stopped.
        Optional<String> failed = SlotCommand.run(root, "reload", config.reloadCommand(), live.getAsInt(), Optional.empty());
        if (failed.isPresent()) {
          warn("nginx could not be reloaded, so slot " + port + " is left running: " + failed.get(), warnings);
          continue;
        }
        reloaded = true;
      }
      reporter.warn("stopping slot " + port + ", left running by an interrupted earlier run");
      Optional<String> failed = SlotCommand.run(root, "stop", config.stopCommand(), port, Optional.empty());
      if (failed.isPresent()) {
        warn("slot " + port + " could not be stopped: " + failed.get(), warnings);
      } else {
        SlotLinks.clear(root, port);
      }
    }
    if (!reloaded && live.isPresent() && !live.equals(named)) {
      int port = live.getAsInt();
      SlotCommand.run(root, "reload", config.reloadCommand(), port, Optional.empty())
          .ifPresent(failed -> warn("nginx could not be reloaded onto slot " + port + ": " + failed, warnings));
    }
    return live;
  }

  private void warn(String warning, List<String> warnings) {
    reporter.warn(warning);
    warnings.add(warning);
  }

  /** Whether something accepts connections on the loopback port now. */
  static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
