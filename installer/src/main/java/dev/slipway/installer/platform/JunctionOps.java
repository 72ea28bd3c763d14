package dev.slipway.installer.platform;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file operations a junction switch is made of, one call each, so that a test on Linux can
 * record the sequence ({@link JunctionCurrent}) and the real ones run on Windows ({@link
 * CmdJunctionOps}).
 */
public interface JunctionOps {

  /** Whether something (a junction, a link, a folder) is at {@code path}, links not followed. */
  boolean exists(Path path);

  /** Whether {@code path} is a junction or a symbolic link (not a real folder or file). */
  boolean isLink(Path path);

  /** {@code mklink /J link target}: {@code target} must be absolute. */
  void createJunction(Path link, Path target) throws IOException;

  /** Renames {@code from} to {@code to}, which must not exist. */
  void rename(Path from, Path to) throws IOException;

  /** Removes the junction itself, never what it points to. */
  void removeJunction(Path link) throws IOException;
}
