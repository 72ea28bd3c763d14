package dev.slipway.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.Abort;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class InstallerMainTest {
  private static final String[] ALL = {"install", "verify", "unpack", "rollback", "list", "adopt", "doctor"};

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
    var cli = InstallerMain.commandLine(new Abort(), "unpak");
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("unpak");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("Did you mean: installer unpack?");
  }
}
