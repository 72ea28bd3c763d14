package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project walk that replaced the in-memory file list (issue #7). */
class ProjectFilesTest {
  @TempDir Path project;

  private void write(String name, String content) throws IOException {
    Path file = project.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static List<String> names(ProjectFiles files) throws IOException {
    List<String> names = new ArrayList<>();
    files.forEach((name, source) -> names.add(name));
    return names;
  }

  private static String content(ProjectFiles files, String wanted) throws IOException {
    List<String> found = new ArrayList<>();
    files.forEach((name, source) -> {
      if (name.equals(wanted)) {
        try (InputStream in = source.open()) {
          found.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    });
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void handsOverEveryFileOnceInTheOrderOfTheirFullNames() throws IOException {
    // '-' and '.' sort before '/', so a folder's content does not simply follow its name.
    for (String name : List.of("public/a.txt", "public/a/b.txt", "public/a-b.txt", "public/a.b/c.txt", "public/a/b/c.txt",
        "public/Z.txt", "public/ab/x.txt", ".next/BUILD_ID", ".next/server/app.js", "package.json", "data/x.json")) {
      write(name, name);
    }
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addFile("package.json");
    files.addTree("public");
    files.addTree(".next");
    files.addInclude("public/a"); // a folder inside a walked one: its files come once
    files.addInclude("public/a.txt"); // a named file inside a walked folder: once
    files.addInclude("data/x.json");
    files.addGenerated("web.config", new byte[0]);

    List<String> names = names(files);

    assertThat(names).containsExactlyElementsOf(new TreeSet<>(names)); // sorted, no duplicate
    assertThat(names).containsExactly(".next/BUILD_ID", ".next/server/app.js", "data/x.json", "package.json",
        "public/Z.txt", "public/a-b.txt", "public/a.b/c.txt", "public/a.txt", "public/a/b.txt", "public/a/b/c.txt",
        "public/ab/x.txt", "web.config");
  }

  @Test
  void neverEntersBuildLeftoversNorDependencies() throws IOException {
    write(".next/server/app.js", "x");
    write(".next/cache/webpack/big.pack", "x");
    write(".next/standalone/node_modules/next/index.js", "x");
    Files.createSymbolicLink(project.resolve(".next/cache/link"), project.resolve(".next/server/app.js"));
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree(".next");

    assertThat(names(files)).containsExactly(".next/server/app.js");
  }

  @Test
  void aGeneratedFileWinsOverTheProjectFileOfTheSameName() throws IOException {
    write("web.config", "the project's");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addInclude("web.config");
    files.addGenerated("web.config", "generated".getBytes(StandardCharsets.UTF_8));

    assertThat(content(files, "web.config")).isEqualTo("generated");
  }

  @Test
  void checkCountsFilesAndBytesWithoutReadingThem() throws IOException {
    write("public/a.txt", "12345");
    write("public/b/c.txt", "123");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    files.addGenerated("web.config", new byte[7]);

    assertThat(files.check()).isEqualTo(new ProjectFiles.Totals(3, 15, List.of()));
  }

  @Test
  void checkRefusesNamesThatCollideWhenCaseIsIgnored() throws IOException {
    write("public/Logo.svg", "a");
    write("public/logo.svg", "b");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");

    assertThatThrownBy(files::check).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logo.svg");
  }

  @Test
  void checkRefusesTheTwoUnicodeSpellingsOfOneNameThatMacOsStoresAsOne() throws IOException {
    // Issue #20: Linux keeps NFC "caf\u00e9" and NFD "cafe\u0301" apart; unpacked on macOS one
    // would overwrite the other.
    write("public/caf\u00e9.txt", "a");
    write("public/cafe\u0301.txt", "b");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");

    assertThatThrownBy(files::check).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another Unicode normal form");
  }

  @Test
  void aLinkInsideAWalkedFolderIsRefusedAsSuch() throws IOException {
    write("public/real.txt", "x");
    Files.createSymbolicLink(project.resolve("public/link.txt"), project.resolve("public/real.txt"));
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");

    assertThatThrownBy(files::check)
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("SYMLINK_IN_CONTENT"));
  }

  @Test
  void aSecretLookingFileInsideAWalkedFolderIsRefusedUnlessAllowed() throws IOException {
    write("public/.env.local", "KEY=1");
    ProjectFiles refused = new ProjectFiles(project, Set.of(), false);
    refused.addTree("public");
    assertThatThrownBy(refused::check)
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("SECRET_FILE"));

    ProjectFiles allowed = new ProjectFiles(project, Set.of("public/.env.local"), false);
    allowed.addTree("public");
    assertThat(names(allowed)).containsExactly("public/.env.local");
  }
  @Test
  void awsCredentialsUnderPublicAreRefusedBeforeTheServerCouldServeThem() throws IOException {
    // Issue #20: GET /.aws/credentials answered 200 with the key.
    write("public/.aws/credentials", "[default]\naws_access_key_id = AKIAEXAMPLE\n");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    assertThatThrownBy(files::check)
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("SECRET_FILE");
          assertThat(e.getMessage()).contains("public/.aws/credentials").contains("served");
          assertThat(e.evidence()).contains(".aws/");
        });
  }

  @Test
  void aKeyUnderAnInnocentNameIsRefusedByItsContentWithoutRepeatingIt() throws IOException {
    String body = "A".repeat(64);
    write("public/backup.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    assertThatThrownBy(files::check)
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("SECRET_FILE");
          assertThat(e.evidence()).contains("public/backup.txt").contains("PEM private key").doesNotContain(body);
          assertThat(e.fix()).contains("--allow-secret-file public/backup.txt");
        });

    ProjectFiles allowed = new ProjectFiles(project, Set.of("public/backup.txt"), false);
    allowed.addTree("public");
    assertThat(allowed.check().fileCount()).isEqualTo(1);
  }

  @Test
  void buildOutputIsNotJudgedByContent() throws IOException {
    // Libraries bundled into .next/ hold marker-like strings; only hand-placed files are sniffed.
    write(".next/server/chunks/jose.js", "const k = `-----BEGIN PRIVATE KEY-----\n" + "B".repeat(64) + "`;");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree(".next");
    assertThat(files.check().fileCount()).isEqualTo(1);
  }

  @Test
  void theWritersWalkOfAnUnchangedProjectHandsOverWhatTheCheckSaw() throws IOException {
    write("public/a.txt", "a");
    write("public/b/c.txt", "c");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    assertThat(files.check().fileCount()).isEqualTo(2);

    List<String> written = new ArrayList<>();
    files.unchangedSinceCheck().forEach((name, source) -> written.add(name));

    assertThat(written).containsExactly("public/a.txt", "public/b/c.txt");
  }

  @Test
  void theWritersWalkRefusesAFileAddedAfterTheCheck() throws IOException {
    write("public/a.txt", "a");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    files.check();
    write("public/A.TXT", "a build step still writing"); // collides with a.txt on Windows: never checked

    assertThatThrownBy(() -> files.unchangedSinceCheck().forEach((name, source) -> {}))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("PROJECT_CHANGED");
          assertThat(e.getMessage()).contains("while it was being packaged", "no archive was written");
        });
  }

  @Test
  void theWritersWalkRefusesAFileRemovedAfterTheCheck() throws IOException {
    write("public/a.txt", "a");
    write("public/b.txt", "b");
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree("public");
    files.check();
    Files.delete(project.resolve("public/b.txt"));

    assertThatThrownBy(() -> files.unchangedSinceCheck().forEach((name, source) -> {}))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("PROJECT_CHANGED"));
  }
  @Test
  void anArchiveForWindowsRefusesADeviceNameThatLinuxHolds() throws IOException {
    write("public/aux.png", "png");
    ProjectFiles forIis = new ProjectFiles(project, Set.of(), true);
    forIis.addTree("public");

    assertThatThrownBy(forIis::check)
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("WINDOWS_FILE_NAME");
          assertThat(e.getMessage()).isEqualTo("cannot package 'public/aux.png' for IIS: 'aux.png' is the device AUX on Windows,"
              + " whatever its extension");
        });

    ProjectFiles forLinux = new ProjectFiles(project, Set.of(), false);
    forLinux.addTree("public");
    assertThat(forLinux.check().fileCount()).isEqualTo(1);
  }
}
