package dev.slipway.installer.cli;

import dev.slipway.format.FailureText;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.Abort;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code installer}: the command-line factory. Every failure is mapped to its exit code here, once,
 * from the single table in {@link dev.slipway.format.FailureKind} (after jbang); subcommands just throw. Ctrl-C and
 * SIGTERM interrupt the running command, which cleans up and is reported as 130 / 143.
 */
@Command(
    name = "installer",
    mixinStandardHelpOptions = true,
    versionProvider = InstallerMain.Version.class,
    description = "Verifies, installs, smoke-starts, switches and rolls back Next.js releases built by packager.",
    subcommands = {
      InstallCommand.class, VerifyCommand.class, UnpackCommand.class, RollbackCommand.class, ListCommand.class, AdoptCommand.class, DoctorCommand.class
    })
public final class InstallerMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Abort abort = new Abort();
    Signals.install(abort, Thread.currentThread());
    System.exit(commandLine(abort).execute(args));
  }

  public static CommandLine commandLine(Abort abort) {
    CommandLine cli = new CommandLine(new InstallerMain(), new CommandFactory(abort));
    cli.setExecutionExceptionHandler((e, line, parsed) -> handle(e, line, parsed, abort));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: install, verify, unpack, rollback, list, adopt or doctor");
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed, Abort abort) {
    SlipwayException failure = abort.signal() != null ? abort.asFailure(e) : FailureText.asFailure(e);
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

  /** Gives every subcommand the run's {@link Abort}. */
  private record CommandFactory(Abort abort) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (AbortAware.class.isAssignableFrom(type)) {
        K command = CommandLine.defaultFactory().create(type);
        ((AbortAware) command).setAbort(abort);
        return command;
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  interface AbortAware {
    void setAbort(Abort abort);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = InstallerMain.class.getPackage().getImplementationVersion();
      return new String[] {"installer " + (version == null ? "dev" : version)};
    }
  }
}
