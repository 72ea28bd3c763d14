package dev.slipway.packager.cli;

import dev.slipway.format.FailureText;
import dev.slipway.format.SlipwayException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code packager}: the command-line factory. Failures are mapped to exit codes here, once, from
 * the single table in {@link dev.slipway.format.FailureKind} (after jbang); subcommands just throw.
 */
@Command(
    name = "packager",
    mixinStandardHelpOptions = true,
    versionProvider = PackagerMain.Version.class,
    description = "Builds one checksummed, reproducible archive of a built Next.js app for the Slipway installer.",
    subcommands = {PackageCommand.class, InspectCommand.class})
public final class PackagerMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PackagerMain());
    cli.setExecutionExceptionHandler(PackagerMain::handle);
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: package or inspect");
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    SlipwayException failure = FailureText.asFailure(e);
    FailureText.report(failure, e, cli.getErr(), cli.getOut(), wantsJson(parsed));
    return failure.kind().exitCode();
  }

  private static boolean wantsJson(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PackagerMain.class.getPackage().getImplementationVersion();
      return new String[] {"packager " + (version == null ? "dev" : version)};
    }
  }
}
