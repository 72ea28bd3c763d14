package dev.slipway.installer.switchover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who listens on a TCP port, as Linux tells it in {@code /proc/net/tcp} and {@code /proc/net/tcp6}:
 * one line per socket of this network namespace, with its local address ({@code ADDR:PORT}, the
 * port in hex), its state ({@code 0A} is LISTEN) and the uid that owns it (the effective uid of the
 * process that made it). No {@code ss} or {@code lsof} needed, and no privilege: the tables are
 * readable by everyone.
 */
final class ListeningSockets {
  static final String LISTEN = "0A";
  static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private ListeningSockets() {}

  /** The uids owning a socket that listens on {@code port} (any address); empty on other systems. */
  static Set<Integer> uids(int port) throws IOException {
    Set<Integer> uids = new TreeSet<>();
    for (Path table : TABLES) {
      if (Files.isReadable(table)) {
        uids.addAll(inTable(port, Files.readAllLines(table, StandardCharsets.US_ASCII)));
      }
    }
    return uids;
  }

  /** The same from a table's lines (its header line first). */
  static Set<Integer> inTable(int port, List<String> lines) {
    Set<Integer> uids = new TreeSet<>();
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || !LISTEN.equals(f[3])) {
        continue;
      }
      String local = f[1];
      int colon = local.lastIndexOf(':');
      if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port) {
        uids.add(Integer.parseInt(f[7]));
      }
    }
    return uids;
  }
}
