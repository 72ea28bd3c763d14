package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.release.Abort;
import dev.slipway.testkit.ReferenceDocs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/reference/cli.md has a row for every option of every installer command (issue #19). */
class CliReferenceTest {
  @Test
  void everyOptionOfEveryInstallerCommandIsInTheReference() {
    Map<String, List<String>> options = new LinkedHashMap<>();
    InstallerMain.commandLine(new Abort()).getSubcommands().forEach((name, sub) ->
        options.put("installer " + name, documentedNames(sub)));

    assertThat(options).containsKeys("installer install", "installer doctor");
    assertThat(ReferenceDocs.undocumentedOptions(options)).isEmpty();
  }

  /** Every option but the standard --help and --version, by its longest name. */
  static List<String> documentedNames(CommandLine command) {
    return command.getCommandSpec().options().stream()
        .filter(option -> !option.usageHelp() && !option.versionHelp())
        .map(OptionSpec::longestName)
        .toList();
  }
}
