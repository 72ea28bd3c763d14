package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.layout.FileTrees;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: ROOT/shared/static merges the releases' .next/static with hard links, pruned with retention. */
class SharedStaticTest {
  @TempDir Path tmp;

  @Test
  void mergesEveryReleasesFilesAsHardLinksAndKeepsThemUntilTheirReleaseIsGone() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    String a = "20261205T100000Z-a1";
    String b = "20261205T110000Z-b2";
    write(root, a, "chunks/page-a.js", "a");
    write(root, a, "a1/_buildManifest.js", "manifest a");
    write(root, b, "chunks/page-b.js", "b");
    write(root, b, "chunks/shared-1.js", "same in both");
    write(root, a, "chunks/shared-1.js", "same in both");

    assertThat(SharedStatic.add(root, a)).isEqualTo(3);
    assertThat(SharedStatic.add(root, b)).isEqualTo(2);
    assertThat(SharedStatic.add(root, b)).as("again: nothing new").isZero();

    Path tree = SharedStatic.tree(root);
    assertThat(tree.resolve("chunks/page-a.js")).hasContent("a");
    assertThat(tree.resolve("chunks/page-b.js")).hasContent("b");
    assertThat(Files.isSameFile(tree.resolve("chunks/page-b.js"), root.releaseDir(b).resolve(".next/static/chunks/page-b.js")))
        .isTrue();
    assertThat(tree.resolve("chunks/shared-1.js")).as("the release switched to wins a shared name")
        .satisfies(p -> assertThat(Files.isSameFile(p, root.releaseDir(b).resolve(".next/static/chunks/shared-1.js"))).isTrue());

    FileTrees.deleteRecursively(root.releaseDir(a));
    assertThat(SharedStatic.prune(root)).isEqualTo(2);

    assertThat(tree.resolve("chunks/page-a.js")).doesNotExist();
    assertThat(tree.resolve("a1")).as("an emptied folder goes too").doesNotExist();
    assertThat(tree.resolve("chunks/shared-1.js")).as("release b still has it").exists();
    assertThat(tree.resolve("chunks/page-b.js")).exists();
  }

  @Test
  void aReleaseWithoutStaticFilesAddsNothing() throws Exception {
    ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"), true);
    Files.createDirectories(root.releaseDir("20261205T100000Z-a1"));
    assertThat(SharedStatic.add(root, "20261205T100000Z-a1")).isZero();
    assertThat(SharedStatic.prune(root)).isZero();
  }

  private static void write(ReleaseRoot root, String id, String relative, String text) throws Exception {
    Path file = root.releaseDir(id).resolve(".next/static").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
