package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.ShellWords;
import dev.slipway.packager.cli.PackagerMain;
import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI files users copy (docs/ci/) and our own workflow (issue #23): every packager command in
 * them parses with the packager's real command line, and each keeps the archive and its sidecars.
 */
class CiFilesTest {
  private static final List<String> FILES = List.of(
      "docs/ci/github-actions.md", "docs/ci/gitlab-ci.md", ".github/workflows/package-examples.yml");

  @Test
  void everyPackagerCommandInThemParses() throws IOException {
    for (String file : FILES) {
      List<List<String>> commands = packagerCommands(read(file));

      assertThat(commands).as(file).anySatisfy(args -> assertThat(args).first().isEqualTo("package"));
      for (List<String> args : commands) {
        // Throws picocli's ParameterException for an unknown option or a missing value.
        PackagerMain.commandLine().parseArgs(args.toArray(String[]::new));
      }
    }
  }

  @Test
  void eachGetsTheLinuxBundleChecksItAndKeepsTheArchiveWithItsSidecars() throws IOException {
    for (String file : FILES) {
      String text = read(file);

      assertThat(text).as(file).contains("-linux-x64.tar.gz").contains("sha256sum").contains("SHA256SUMS")
          .contains("npm run build").contains("*.tar.gz.sha256").contains("*.tar.gz.minisig");
    }
  }

  /**
   * The arguments of each {@code packager} command, shell expansions replaced by what they expand
   * to when a signing key is set (the optional {@code --sign-key FILE}), matrix values by an example.
   */
  static List<List<String>> packagerCommands(String text) {
    List<List<String>> commands = new ArrayList<>();
    for (String line : text.lines().map(String::strip).toList()) {
      String command = line.replaceFirst("^- ", "").replaceFirst("^ARCHIVE=\\$\\(", "");
      if (!command.startsWith("packager ")) {
        continue;
      }
      command = command.replace("\"${sign[@]}\"", "--sign-key key.txt")
          .replace("${SLIPWAY_SIGNING_KEY:+--sign-key \"$SLIPWAY_SIGNING_KEY\"}", "--sign-key key.txt")
          .replace("${{ matrix.example }}", "hello-next")
          .replaceFirst(" \\| tail -n 1\\)$", "");
      List<String> words = ShellWords.split(command);
      assertThat(String.join(" ", words)).as("an expansion left in: " + line).doesNotContain("$");
      commands.add(words.subList(1, words.size()));
    }
    return commands;
  }

  private static String read(String file) throws IOException {
    return Files.readString(ExampleApp.repoRoot().resolve(file));
  }
}
