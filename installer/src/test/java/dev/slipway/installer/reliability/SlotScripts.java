package dev.slipway.installer.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The start and stop commands the blue/green tests configure (issue #21): no systemd runs here, so
 * an instance is {@code node server.js} of the release in a session of its own (setsid), as the
 * service user ({@code SLIPWAY_SERVICE_USER}, through setpriv) when there is one, its pid in
 * {@code DIR/slot-PORT.pid}; stop sends SIGTERM to its process group and returns once it is gone
 * (SIGKILL after 30 s), and succeeds when nothing runs.
 */
final class SlotScripts {
  private final Path dir;

  private SlotScripts(Path dir) {
    this.dir = dir;
  }

  static SlotScripts in(Path dir) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve("slot-start.sh"), """
        #!/bin/sh
        # slot-start.sh PORT RELEASE: node server.js of RELEASE on 127.0.0.1:PORT, in its own session.
        set -e
        cd "$2"
        # Never as root (issue #21): as the service user the installer names, when it names one.
        # setpriv replaces itself with node, so the pid below is the server's and its session's.
        as=""
        if [ -n "$SLIPWAY_SERVICE_USER" ]; then
          as="setpriv --reuid=$SLIPWAY_SERVICE_USER --regid=$(id -g "$SLIPWAY_SERVICE_USER") --init-groups"
        fi
        PORT="$1" HOSTNAME=127.0.0.1 NODE_ENV=production setsid $as node server.js >> "%1$s/slot-$1.log" 2>&1 < /dev/null &
        echo $! > "%1$s/slot-$1.pid"
        # A test that kills the installer while the start command runs makes it slow here.
        if [ -f "%1$s/slow-start" ]; then sleep 30; fi
        """.formatted(dir));
    write(dir.resolve("slot-stop.sh"), """
        #!/bin/sh
        # slot-stop.sh PORT: stops what slot-start.sh started on PORT and waits until it is gone.
        f="%1$s/slot-$1.pid"
        [ -f "$f" ] || exit 0
        pid=$(cat "$f")
        alive() { [ -e /proc/$pid ] && [ "$(cut -d' ' -f3 /proc/$pid/stat 2>/dev/null)" != Z ]; }
        kill -TERM "-$pid" 2>/dev/null || true
        i=0
        while alive && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done
        kill -KILL "-$pid" 2>/dev/null || true
        rm -f "$f"
        """.formatted(dir));
    return new SlotScripts(dir);
  }

  Path dir() {
    return dir;
  }

  /** Makes the start command take 30 s after it has started the instance (or not). */
  void slowStart(boolean slow) throws IOException {
    if (slow) {
      Files.writeString(dir.resolve("slow-start"), "");
    } else {
      Files.deleteIfExists(dir.resolve("slow-start"));
    }
  }

  String startCommand() {
    return "sh " + dir.resolve("slot-start.sh") + " {port} {release}";
  }

  String stopCommand() {
    return "sh " + dir.resolve("slot-stop.sh") + " {port}";
  }

  /** The uids the running slot instances run as (their pid files, /proc/PID/status). */
  java.util.List<Integer> uids() throws IOException {
    java.util.List<Integer> uids = new java.util.ArrayList<>();
    try (var pids = Files.list(dir)) {
      for (Path pid : pids.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList()) {
        String status = Files.readString(Path.of("/proc", Files.readString(pid).strip(), "status"));
        uids.add(Integer.parseInt(status.replaceAll("(?s).*\\nUid:\\s+(\\d+).*", "$1")));
      }
    }
    return uids;
  }

  /** Stops every slot instance still running (a test's cleanup, whatever happened). */
  void stopAll() throws IOException, InterruptedException {
    try (var pids = Files.list(dir)) {
      for (Path pid : pids.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
        String port = pid.getFileName().toString().replaceAll("\\D", "");
        new ProcessBuilder("sh", dir.resolve("slot-stop.sh").toString(), port).inheritIO().start().waitFor();
      }
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
