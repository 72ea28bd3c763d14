package dev.slipway.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The "real server" of the rollback tests: a restart script, as an operator would write for
 * --restart-command, that stops the node process it started last and starts `node server.js`
 * from ROOT/current on a fixed port (with SLIPWAY_LIVE=1, which a faulty test release reacts to).
 */
record LiveServer(Path root, int port, Path script) {
  static LiveServer create(Path root, int port) throws IOException {
    Path script = root.resolve("restart.sh");
    Files.writeString(script, """
        #!/bin/sh
        # Stop the server started last, then start one from current.
        PIDFILE="$SLIPWAY_ROOT/server.pid"
        if [ -f "$PIDFILE" ]; then
          OLD=$(cat "$PIDFILE")
          kill "$OLD" 2>/dev/null
          while kill -0 "$OLD" 2>/dev/null; do sleep 0.1; done
        fi
        cd "$SLIPWAY_ROOT/current" || exit 1
        PORT=%d SLIPWAY_LIVE=1 NEXT_TELEMETRY_DISABLED=1 nohup node server.js >> "$SLIPWAY_ROOT/server.log" 2>&1 &
        echo $! > "$PIDFILE"
        """.formatted(port));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new LiveServer(root, port, script);
  }

  String command() {
    return script.toString();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  void stop() throws IOException {
    Path pidFile = root.resolve("server.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      Optional<ProcessHandle> server = ProcessHandle.of(pid);
      server.ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().join();
      });
    }
  }
}
