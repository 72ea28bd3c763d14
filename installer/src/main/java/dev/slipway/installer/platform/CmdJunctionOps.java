package dev.slipway.installer.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The Windows {@link JunctionOps}: {@code cmd /c mklink /J} creates the junction (the JDK can make
 * symbolic links but not junctions); a rename is MoveFileEx, which moves the junction, not its
 * target; {@link Files#delete} on a junction is RemoveDirectory, which removes the reparse point
 * only.
 */
public final class CmdJunctionOps implements JunctionOps {
  private final CommandRunner runner;

  public CmdJunctionOps(CommandRunner runner) {
    this.runner = runner;
  }

  /** The command that creates the junction: {@code cmd.exe /d /c mklink /J LINK TARGET}. */
  public static List<String> mklink(Path link, Path target) {
    return List.of("cmd.exe", "/d", "/c", "mklink", "/J", link.toString(), target.toString());
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isLink(Path path) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attrs.isSymbolicLink() || attrs.isOther(); // a junction reads as "other"
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void createJunction(Path link, Path target) throws IOException {
    if (!target.isAbsolute()) {
      throw new IllegalArgumentException("a junction's target must be absolute: " + target);
    }
    List<String> command = mklink(link, target);
    CommandRunner.Result result;
    try {
      result = runner.run(command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while creating the junction " + link);
    }
    if (!result.succeeded()) {
      throw new IOException("`" + WindowsCommandLine.of(command) + "` exited with " + result.exitCode()
          + (result.output().isBlank() ? "" : ": " + IisSite.firstLine(result.output())));
    }
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    Files.move(from, to);
  }

  @Override
  public void removeJunction(Path link) throws IOException {
    Files.deleteIfExists(link);
  }
}
