package dev.slipway.installer.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.AtomicFiles;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ROOT/shared/switch.json}: the root's blue/green configuration (issue #21). Its presence is
 * what makes install and rollback switch through nginx instead of repointing {@code current} and
 * running {@code --restart-command}. Written atomically; read once per run.
 */
public final class SwitchConfigFile {
  public static final String NAME = "switch.json";
  static final String MODE = "blue-green";

  private SwitchConfigFile() {}

  public static Path path(ReleaseRoot root) {
    return root.sharedDir().resolve(NAME);
  }

  /** The root's configuration; empty when the root switches the classic way. */
  public static Optional<SwitchConfig> read(ReleaseRoot root) throws IOException {
    Path file = path(root);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      Stored stored = Json.mapper().readValue(bytes, Stored.class);
      if (!MODE.equals(stored.mode())) {
        throw new IllegalArgumentException("mode is " + stored.mode() + ", not " + MODE);
      }
      return Optional.of(stored.toConfig());
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new SlipwayException(FailureKind.ROOT_LAYOUT, "SWITCH_CONFIG_INVALID",
          file + " is not a blue/green configuration this installer can use",
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""),
          "write it again with `installer blue-green --root " + root.path() + " ...` (docs/blue-green.md)");
    }
  }

  public static void write(ReleaseRoot root, SwitchConfig config) throws IOException {
    AtomicFiles.write(path(root), Json.prettyBytes(Stored.of(config)));
  }

  /** Turns blue/green off for the root: the next install switches the classic way. */
  public static boolean remove(ReleaseRoot root) throws IOException {
    return Files.deleteIfExists(path(root));
  }

  /** The file's shape: paths as plain strings, and a mode so that other switch kinds can follow. */
  record Stored(String mode, List<Integer> ports, String startCommand, String stopCommand, String upstreamFile,
      String upstreamName, String reloadCommand, int drainSeconds, int startTimeoutSeconds) {
    static Stored of(SwitchConfig c) {
      return new Stored(MODE, c.ports(), c.startCommand(), c.stopCommand(), c.upstreamFile().toString(),
          c.upstreamName(), c.reloadCommand(), c.drainSeconds(), c.startTimeoutSeconds());
    }

    SwitchConfig toConfig() {
      return new SwitchConfig(ports, startCommand, stopCommand, Path.of(upstreamFile), upstreamName, reloadCommand,
          drainSeconds, startTimeoutSeconds);
    }
  }
}
