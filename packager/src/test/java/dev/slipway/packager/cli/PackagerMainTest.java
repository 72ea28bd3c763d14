package dev.slipway.packager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.cli.CapturedRun;
import dev.slipway.format.cli.HelpExamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packager's command line: usage errors, --version and the help's examples (issue #17). */
class PackagerMainTest {
  private static CapturedRun run(String... args) {
    return CapturedRun.of(PackagerMain.commandLine(), args);
  }

  @Test
  void aMistypedOptionGetsTheClosestOneAndAOneLineHint() {
    CapturedRun run = run("package", ".", "--outt", "dist");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsExactly(
        "error: Unknown option: '--outt' (did you mean --out?)", "Run 'packager package --help' for usage.");
  }

  @Test
  void aMissingArchiveIsNamedThenTheHint() {
    assertThat(run("inspect").err()).containsExactly(
        "error: Missing required parameter: '<archive>'", "Run 'packager inspect --help' for usage.");
  }

  @Test
  void versionNamesTheBuildItsCommitJavaAndThePlatform() {
    CapturedRun run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out().strip())
        .matches("packager \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, \\S+ \\S+")
        .doesNotContain(" dev");
  }

  @Test
  void eachSubcommandsHelpEndsWithExamplesThatParse() {
    assertThat(PackagerMain.EXAMPLES).containsOnlyKeys(PackagerMain.commandLine().getSubcommands().keySet());
    PackagerMain.EXAMPLES.forEach((name, examples) -> {
      String help = run(name, "--help").out();

      assertThat(help.strip()).as(name).endsWith(examples.get(examples.size() - 1).strip());
      assertThat(help).as(name).contains("Examples:\n  " + examples.get(0) + "\n");
      // Each whole on its line: picocli wraps lines longer than its 80 columns.
      examples.forEach(example -> assertThat(help).as(name).contains("\n  " + example + "\n"));
      for (List<String> args : HelpExamples.asArguments(examples)) {
        PackagerMain.commandLine().parseArgs(args.toArray(String[]::new));
      }
    });
  }
}
