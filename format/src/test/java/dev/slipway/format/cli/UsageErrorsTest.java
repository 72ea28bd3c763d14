package dev.slipway.format.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A bad command line gets one line saying what is wrong and one pointing at --help (issue #17). */
class UsageErrorsTest {
  @Command(name = "tool", subcommands = Install.class)
  static final class Tool implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "install")
  static final class Install implements Runnable {
    @Parameters(index = "0", paramLabel = "ARCHIVE") String archive;
    @Option(names = "--root", required = true, paramLabel = "ROOT") String root;
    @Option(names = "--keep") int keep;

    @Override
    public void run() {}
  }

  private record Run(int exit, List<String> err) {}

  private static Run run(String... args) {
    CommandLine cli = new CommandLine(new Tool());
    cli.setParameterExceptionHandler(new UsageErrors());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, err.toString().lines().toList());
  }

  @Test
  void aMistypedOptionIsNamedWithTheClosestOneNotTheRequiredOptionItHid() {
    Run run = run("install", "x", "--rot", "/srv");

    assertThat(run.err()).containsExactly(
        "error: Unknown option: '--rot' (did you mean --root?)",
        "Run 'tool install --help' for usage.");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void aMissingOptionOrParameterIsNamedThenTheHint() {
    assertThat(run("install", "x").err()).containsExactly(
        "error: Missing required option: '--root=ROOT'",
        "Run 'tool install --help' for usage.");
    assertThat(run("install", "--root", "/srv").err()).containsExactly(
        "error: Missing required parameter: 'ARCHIVE'",
        "Run 'tool install --help' for usage.");
    // The root given without its option name: what is missing is --root, not /srv.
    assertThat(run("install", "x", "/srv").err()).first().isEqualTo("error: Missing required option: '--root=ROOT'");
    assertThat(run("install", "x", "/srv", "--root", "/srv").err()).first().isEqualTo("error: Unexpected argument: '/srv'");
  }

  @Test
  void aMistypedSubcommandAndABadValueGetTheSameTwoLines() {
    assertThat(run("instal").err()).containsExactly(
        "error: Unknown command: 'instal' (did you mean install?)",
        "Run 'tool --help' for usage.");
    assertThat(run("install", "x", "--root", "/srv", "--keep", "many").err()).hasSize(2)
        .first().asString().startsWith("error: Invalid value for option '--keep': 'many' is not an int");
  }
}
