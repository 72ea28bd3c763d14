package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest's file-list rules, checked entry by entry with hashes instead of kept paths (issue #7). */
class FileListCheckTest {
  private static final String SHA = Sha256.of(new byte[0]);

  private static FileListCheck check(String... paths) {
    FileListCheck check = new FileListCheck();
    for (String path : paths) {
      check.accept(new FileEntry(path, 1, FileEntry.MODE_FILE, SHA));
    }
    return check;
  }

  @Test
  void countsFilesFoldersAndBytesOfAValidList() {
    FileListCheck check = check(".deploy/env.json", "a.txt", "sub/deep/x.js", "sub/deep/y.js", "sub/z.js");

    assertThat(check.fileCount()).isEqualTo(5);
    assertThat(check.totalSize()).isEqualTo(5);
    assertThat(check.folderCount()).as(".deploy, sub, sub/deep").isEqualTo(3);
    assertThat(check.envManifest().path()).isEqualTo(ArchiveLayout.ENV_MANIFEST);
  }

  @Test
  void remembersWhichNamesItHeldAsFilesFoldersAndIgnoringCase() {
    FileListCheck check = check("a.txt", "sub/b.txt");

    assertThat(check.mayHoldFile("a.txt")).isTrue();
    assertThat(check.mayHoldFile("sub")).isFalse();
    assertThat(check.mayHoldFolder("sub")).isTrue();
    assertThat(check.mayHoldFolder("a.txt")).isFalse();
    assertThat(check.mayHoldIgnoringCase("A.TXT")).isTrue();
    assertThat(check.mayHoldIgnoringCase("SUB")).isTrue();
    assertThat(check.mayHoldIgnoringCase("b.txt")).isFalse();
  }

  @Test
  void refusesAnUnsortedOrRepeatedList() {
    assertThatThrownBy(() -> check("b.txt", "a.txt")).hasMessageContaining("sorted and unique: 'a.txt' after 'b.txt'");
    assertThatThrownBy(() -> check("a.txt", "a.txt")).hasMessageContaining("sorted and unique");
  }

  @Test
  void refusesTwoPathsThatDifferOnlyInCase() {
    assertThatThrownBy(() -> check("A.txt", "a.txt")).hasMessageContaining("'a.txt' twice when case is ignored");
  }

  @Test
  void refusesTwoSpellingsOfOneNameThatMacOsHoldsAsOneFile() {
    // Issue #20: NFD "cafe\u0301" sorts before NFC "caf\u00e9"; macOS stores both as one name.
    assertThatThrownBy(() -> check("public/cafe\u0301.txt", "public/caf\u00e9.txt"))
        .hasMessageContaining("twice when case is ignored (or when spelled in another Unicode normal form");
    assertThatThrownBy(() -> check("cafe\u0301/a.txt", "caf\u00e9")).hasMessageContaining("as a file and as a folder");
  }

  @Test
  void refusesAFileThatIsAFolderWhenCaseIsIgnoredWhicheverComesFirst() {
    // "Sub" sorts before "sub/b.txt", "sub" after "Sub/b.txt": both orders must be caught.
    assertThatThrownBy(() -> check("Sub", "sub/b.txt")).hasMessageContaining("as a file and as a folder");
    assertThatThrownBy(() -> check("Sub/b.txt", "sub")).hasMessageContaining("as a file and as a folder");
    assertThatThrownBy(() -> check("a", "a/b")).hasMessageContaining("as a file and as a folder");
  }

  @Test
  void refusesTheManifestListingItself() {
    assertThatThrownBy(() -> check(ArchiveLayout.MANIFEST)).hasMessageContaining("cannot list itself");
  }

  @Test
  void refusesATotalThatCouldOverflow() {
    FileListCheck check = new FileListCheck();
    List<String> paths = List.of("a", "b", "c", "d", "e");
    assertThatThrownBy(() -> paths.forEach(p -> check.accept(new FileEntry(p, FileEntry.MAX_SIZE, FileEntry.MODE_FILE, SHA))))
        .hasMessageContaining("add up to more than");
  }

  @Test
  void theHashSetGrowsAndKeepsEveryNameAndNoOther() {
    NameHashes hashes = new NameHashes();
    for (int i = 0; i < 10_000; i++) {
      assertThat(hashes.add("file-" + i)).isTrue();
    }
    assertThat(hashes.add("file-42")).as("added twice").isFalse();
    assertThat(hashes.size()).isEqualTo(10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(hashes.contains("file-" + i)).isTrue();
    }
    for (int i = 10_000; i < 20_000; i++) {
      assertThat(hashes.contains("file-" + i)).as("never added").isFalse();
    }
    assertThat(hashes.containsPrefix("file-123/x", 8)).isTrue();
  }

  @Test
  void prefixHashesInOnePassAreTheHashesOfEachFolderAndOfTheWholeName() {
    long[] into = new long[8];
    int n = NameHashes.prefixHashes(".next/server/app/page.js", into);

    assertThat(n).isEqualTo(3);
    assertThat(into[0]).isEqualTo(NameHashes.hash(".next", 0, 5));
    assertThat(into[1]).isEqualTo(NameHashes.hash(".next/server", 0, 12));
    assertThat(into[2]).isEqualTo(NameHashes.hash(".next/server/app", 0, 16));
    assertThat(into[3]).isEqualTo(NameHashes.hash(".next/server/app/page.js", 0, 24));
  }

  @Test
  void aFolderThatIsAFileWhenCaseIsIgnoredIsNamedDeepInThePath() {
    assertThatThrownBy(() -> check("a/B/c/x", "a/b/C"))
        .hasMessageContaining("'a/b/C' as a file and as a folder");
    assertThatThrownBy(() -> check("a/b/C", "a/b/c/x"))
        .hasMessageContaining("'a/b/c' as a file and as a folder");
  }

  @Test
  void namesThatCollideUnderALinearHashDoNotCollideHere() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(NameHashes.hash("Aa", 0, 2)).isNotEqualTo(NameHashes.hash("BB", 0, 2));
  }
}
