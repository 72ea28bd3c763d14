package dev.slipway.packager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ReferenceDocs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** docs/reference/cli.md has a row for every option of every packager command (issue #19). */
class CliReferenceTest {
  @Test
  void everyOptionOfEveryPackagerCommandIsInTheReference() {
    Map<String, List<String>> options = new LinkedHashMap<>();
    PackagerMain.commandLine().getSubcommands().forEach((name, sub) -> options.put(
        "packager " + name,
        sub.getCommandSpec().options().stream()
            .filter(option -> !option.usageHelp() && !option.versionHelp())
            .map(OptionSpec::longestName)
            .toList()));

    assertThat(options).containsKeys("packager package", "packager inspect");
    assertThat(ReferenceDocs.undocumentedOptions(options)).isEmpty();
  }
}
