package dev.slipway.installer.cli;

import dev.slipway.format.FailureText;
import dev.slipway.format.cli.BuildVersion;
import dev.slipway.format.cli.FailureExits;
import dev.slipway.format.cli.HelpExamples;
import dev.slipway.format.cli.UsageErrors;
import dev.slipway.installer.release.Abort;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    versionProvider = BuildVersion.Provider.class,
    description = "Verifies, installs, smoke-starts, switches and rolls back Next.js releases built by packager.")
public final class InstallerMain implements Runnable {
  /** The subcommands, in the order the help lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
      InstallCommand.class, VerifyCommand.class, UnpackCommand.class, RollbackCommand.class, ListCommand.class,
      AdoptCommand.class, DoctorCommand.class, StatusCommand.class, BlueGreenCommand.class, NginxConfCommand.class,
      SystemdUnitCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Abort abort = new Abort();
    Signals.install(abort, Thread.currentThread());
    System.exit(commandLine(abort, args.length > 0 ? args[0] : null).execute(args));
  }

  /** The command line with every subcommand; tests run it in-process. */
  public static CommandLine commandLine(Abort abort) {
    return commandLine(abort, null);
  }

  /**
   * The command line with only the subcommand {@code first} names, when it names one: picocli
   * builds the model of every subcommand it is given, by reflection, and a process runs one
   * (issue #7: start-up). Anything else ({@code --help}, a typo) gets them all, so the help lists
   * every subcommand and picocli can suggest the closest.
   */
  static CommandLine commandLine(Abort abort, String first) {
    CommandFactory factory = new CommandFactory(abort);
    CommandLine cli = new CommandLine(new InstallerMain(), factory);
    boolean one = first != null && SUBCOMMANDS.containsKey(first);
    SUBCOMMANDS.forEach((name, type) -> {
      if (!one || name.equals(first)) {
        CommandLine sub = new CommandLine(type, factory);
        HelpExamples.addTo(sub, InstallerExamples.BY_SUBCOMMAND.getOrDefault(name, List.of()));
        cli.addSubcommand(name, sub);
      }
    });
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setExecutionExceptionHandler(new FailureExits(e -> abort.signal() != null ? abort.asFailure(e) : FailureText.asFailure(e)));
    return cli;
  }

  private static Map<String, Class<?>> subcommands(Class<?>... types) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> type : types) {
      byName.put(type.getAnnotation(Command.class).name(), type);
    }
    return Collections.unmodifiableMap(byName);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: install, verify, unpack, rollback, list, adopt, doctor, status,"
        + " blue-green, nginx-conf or systemd-unit");
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
}
