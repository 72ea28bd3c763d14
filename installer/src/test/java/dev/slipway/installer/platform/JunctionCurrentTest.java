package dev.slipway.installer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The junction-switching sequence on Windows (issue #25), recorded through {@link JunctionOps}. */
class JunctionCurrentTest {
  static final String A = "20261205T100000Z-a";
  static final String B = "20261205T110000Z-b";

  @TempDir Path tmp;
  private ReleaseRoot root;
  private final FakeJunctions ops = new FakeJunctions();

  @BeforeEach
  void releases() throws IOException {
    root = ReleaseRoot.open(tmp.resolve("shop"), true);
    Files.createDirectories(root.releaseDir(A));
    Files.createDirectories(root.releaseDir(B));
  }

  @Test
  void theFirstSwitchCreatesTheJunctionUnderATemporaryNameAndRenamesItToCurrent() throws IOException {
    new JunctionCurrent(ops).switchTo(root, A);

    assertThat(ops.log).containsExactly(
        "mklink /J .current.next -> " + root.releaseDir(A),
        "rename .current.next -> current");
    assertThat(ops.junctions).containsExactly(Map.entry("current", root.releaseDir(A)));
  }

  @Test
  void aLaterSwitchMovesTheOldJunctionAsideThenInThenRemovesTheOldOne() throws IOException {
    JunctionCurrent current = new JunctionCurrent(ops);
    current.switchTo(root, A);
    ops.log.clear();

    current.switchTo(root, B);

    assertThat(ops.log).containsExactly(
        "mklink /J .current.next -> " + root.releaseDir(B),
        "rename current -> .current.old",
        "rename .current.next -> current",
        "rmdir .current.old");
    assertThat(ops.junctions).containsExactly(Map.entry("current", root.releaseDir(B)));
    assertThat(root.releaseDir(A)).isDirectory(); // removing a junction never touches its target
  }

  @Test
  void whenTheNewJunctionCannotTakeCurrentsPlaceTheOldOneIsPutBack() throws IOException {
    JunctionCurrent current = new JunctionCurrent(ops);
    current.switchTo(root, A);
    ops.failRename = ".current.next";
    ops.log.clear();

    assertThatThrownBy(() -> current.switchTo(root, B)).isInstanceOf(IOException.class);

    assertThat(ops.log).containsExactly(
        "mklink /J .current.next -> " + root.releaseDir(B),
        "rename current -> .current.old",
        "rename .current.next -> current (refused)",
        "rename .current.old -> current",
        "rmdir .current.next");
    assertThat(ops.junctions).containsExactly(Map.entry("current", root.releaseDir(A)));
  }

  @Test
  void aSwitchCutShortBetweenItsRenamesIsUndoneByTheNextOne() throws IOException {
    ops.junctions.put(".current.old", root.releaseDir(A)); // killed after moving current aside

    new JunctionCurrent(ops).switchTo(root, B);

    assertThat(ops.log.get(0)).isEqualTo("rename .current.old -> current");
    assertThat(ops.junctions).containsExactly(Map.entry("current", root.releaseDir(B)));
  }

  @Test
  void aRealCurrentFolderIsRefusedAndLeftAlone() throws IOException {
    ops.realFolders.add("current");

    assertThatThrownBy(() -> new JunctionCurrent(ops).switchTo(root, A))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("CURRENT_NOT_A_LINK"));
    assertThat(ops.log).isEmpty();
  }

  @Test
  void aReleaseThatDoesNotExistIsRefusedBeforeAnyJunctionIsMade() {
    assertThatThrownBy(() -> new JunctionCurrent(ops).switchTo(root, "20261205T120000Z-c"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("RELEASE_MISSING"));
    assertThat(ops.log).isEmpty();
  }

  @Test
  void mklinkIsRunThroughCmdWithAnAbsoluteTarget() {
    assertThat(WindowsCommandLine.of(CmdJunctionOps.mklink(Path.of("C:\\srv\\shop\\.current.next"),
        Path.of("C:\\srv\\shop\\releases\\r1"))))
        .isEqualTo("cmd.exe /d /c mklink /J C:\\srv\\shop\\.current.next C:\\srv\\shop\\releases\\r1");
    RecordingRunner runner = new RecordingRunner();
    assertThatThrownBy(() -> new CmdJunctionOps(runner).createJunction(Path.of("x"), Path.of("relative")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Junctions by name in ROOT, each with its target; every operation logged. */
  final class FakeJunctions implements JunctionOps {
    final Map<String, Path> junctions = new HashMap<>();
    final Set<String> realFolders = new HashSet<>();
    final List<String> log = new ArrayList<>();
    String failRename;

    private String name(Path path) {
      assertThat(path.getParent()).isEqualTo(root.path());
      return path.getFileName().toString();
    }

    @Override
    public boolean exists(Path path) {
      return junctions.containsKey(name(path)) || realFolders.contains(name(path));
    }

    @Override
    public boolean isLink(Path path) {
      return junctions.containsKey(name(path));
    }

    @Override
    public void createJunction(Path link, Path target) {
      assertThat(target).isAbsolute();
      log.add("mklink /J " + name(link) + " -> " + target);
      assertThat(junctions.put(name(link), target)).isNull();
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
      if (name(from).equals(failRename)) {
        log.add("rename " + name(from) + " -> " + name(to) + " (refused)");
        throw new java.nio.file.AccessDeniedException(from.toString());
      }
      log.add("rename " + name(from) + " -> " + name(to));
      assertThat(junctions).doesNotContainKey(name(to));
      junctions.put(name(to), junctions.remove(name(from)));
    }

    @Override
    public void removeJunction(Path link) {
      log.add("rmdir " + name(link));
      junctions.remove(name(link));
    }
  }
}
