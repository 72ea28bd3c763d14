package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.cli.CapturedRun;
import dev.slipway.format.cli.HelpExamples;
import dev.slipway.installer.release.Abort;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class InstallerMainTest {
  private static final String[] ALL = {"install", "verify", "unpack", "rollback", "list", "adopt", "doctor", "status",
      "blue-green", "nginx-conf", "systemd-unit"};

  @Test
  void aNamedSubcommandIsTheOnlyOneWhoseModelIsBuilt() {
    assertThat(InstallerMain.commandLine(new Abort(), "unpack").getSubcommands()).containsOnlyKeys("unpack");
  }

  @Test
  void helpATypoOrNothingGetsEverySubcommandInHelpOrder() {
    assertThat(InstallerMain.commandLine(new Abort(), "--help").getSubcommands().keySet()).containsExactly(ALL);
    assertThat(InstallerMain.commandLine(new Abort(), "unpak").getSubcommands().keySet()).containsExactly(ALL);
    assertThat(InstallerMain.commandLine(new Abort(), null).getSubcommands().keySet()).containsExactly(ALL);
    assertThat(InstallerMain.commandLine(new Abort()).getSubcommands().keySet()).containsExactly(ALL);
  }

  @Test
  void aTypoIsStillAnsweredWithTheClosestSubcommand() {
    CapturedRun run = run("unpak");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsExactly(
        "error: Unknown command: 'unpak' (did you mean unpack?)", "Run 'installer --help' for usage.");
  }

  private static CapturedRun run(String... args) {
    return CapturedRun.of(InstallerMain.commandLine(new Abort(), args.length > 0 ? args[0] : null), args);
  }

  @Test
  void aMistypedOptionIsReportedInTwoLinesBeforeTheRequiredOptionItHid() {
    CapturedRun run = run("install", "x", "--rot", "/srv");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsExactly(
        "error: Unknown option: '--rot' (did you mean --root?)", "Run 'installer install --help' for usage.");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void keepingFewerThanTwoReleasesIsAUsageErrorNotInternal() {
    CapturedRun run = run("install", "x.tar.gz", "--root", "/srv/app", "--keep", "1");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsExactly(
        "error: --keep must be at least 2 (the live release and the one before it), not 1",
        "Run 'installer install --help' for usage.");
  }

  @Test
  void aMissingRequiredOptionIsNamedThenTheHint() {
    assertThat(run("rollback").err()).containsExactly(
        "error: Missing required option: '--root=<root>'", "Run 'installer rollback --help' for usage.");
  }

  @Test
  void versionNamesTheBuildItsCommitJavaAndThePlatform() {
    CapturedRun run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out().strip())
        .matches("installer \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, \\S+ \\S+")
        .contains(" on Java " + System.getProperty("java.version") + ", ");
  }

  @Test
  void everySubcommandsHelpEndsWithExamplesThatParse() {
    for (String name : InstallerMain.commandLine(new Abort()).getSubcommands().keySet()) {
      List<String> examples = InstallerExamples.BY_SUBCOMMAND.getOrDefault(name, List.of());
      assertThat(examples).as(name + " has examples").isNotEmpty();
      String help = run(name, "--help").out();

      assertThat(help.strip()).as(name).endsWith(examples.get(examples.size() - 1).strip());
      assertThat(help).as(name).contains("Examples:\n  " + examples.get(0) + "\n");
      // Each whole on its line: picocli wraps lines longer than its 80 columns.
      examples.forEach(example -> assertThat(help).as(name).contains("\n  " + example + "\n"));
      for (List<String> args : HelpExamples.asArguments(examples)) {
        CommandLine cli = InstallerMain.commandLine(new Abort(), args.get(0));
        assertThat(cli.parseArgs(args.toArray(String[]::new)).subcommand().errors()).as(String.join(" ", args)).isEmpty();
      }
    }
  }
}
