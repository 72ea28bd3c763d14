package dev.slipway.packager.cli;

import dev.slipway.format.cli.BuildVersion;
import dev.slipway.format.cli.FailureExits;
import dev.slipway.format.cli.HelpExamples;
import dev.slipway.format.cli.UsageErrors;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code packager}: the command-line factory. Failures are mapped to exit codes here, once, from
 * the single table in {@link dev.slipway.format.FailureKind} (after jbang); subcommands just throw.
 */
@Command(
    name = "packager",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.Provider.class,
    description = "Builds one checksummed, reproducible archive of a built Next.js app for the Slipway installer.",
    subcommands = {PackageCommand.class, InspectCommand.class, KeygenCommand.class})
public final class PackagerMain implements Runnable {
  /**
   * The examples that end each subcommand's {@code --help} (issue #17); PackagerMainTest parses
   * every one, so they stay real.
   */
  static final Map<String, List<String>> EXAMPLES = Map.of(
      "package", List.of(
          "packager package                    # the app in ., the archive in ./dist",
          "packager package --build --require-env DATABASE_URL --optional-env SENTRY_DSN",
          "packager package apps/shop --out dist --web-config httpplatform --json"),
      "inspect", List.of(
          "packager inspect dist/shop-1.4.0-AbC123.tar.gz",
          "packager inspect dist/shop-1.4.0-AbC123.tar.gz --json"),
      "keygen", List.of(
          "packager keygen --secret-key ci.key --public-key ci.pub",
          "packager keygen --secret-key ci.key --public-key ci.pub --password-env KEY_PW"));

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PackagerMain());
    cli.getSubcommands().forEach((name, sub) -> HelpExamples.addTo(sub, EXAMPLES.getOrDefault(name, List.of())));
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setExecutionExceptionHandler(new FailureExits());
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: package, inspect or keygen");
  }
}
