package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {
  private static List<String> failing(String script) {
    return ShellCommands.parse(script).stream().filter(ShellCommands.Command::failureFailsScript)
        .map(ShellCommands.Command::name).toList();
  }

  @Test
  void findsTheProgramOfEachCommandAfterAssignmentsAndNpx() {
    assertThat(ShellCommands.parse("HUSKY=0 CI=1 npx --no-install husky install && node scripts/setup.js 2>&1"))
        .extracting(ShellCommands.Command::name).containsExactly("husky", "node");
  }

  @Test
  void aLoneCommandOrOneChainedWithAndFailsTheScript() {
    assertThat(failing("husky")).containsExactly("husky");
    assertThat(failing("husky install && patch-package")).containsExactly("husky", "patch-package");
  }

  @Test
  void orTrueOrExitZeroRecoversEvenAcrossAnAndChain() {
    // The fallback itself is the last command: its own failure would fail the script.
    assertThat(failing("husky || true")).containsExactly("true");
    assertThat(failing("husky install || exit 0")).containsExactly("exit");
    assertThat(failing("cd .. && husky install .husky || true")).containsExactly("true");
    assertThat(failing("husky || echo 'husky is not installed'")).containsExactly("echo");
  }

  @Test
  void aBareExitOrAnotherFallbackDoesNotRecover() {
    assertThat(failing("husky || exit")).containsExactly("husky", "exit");
    assertThat(failing("is-ci || husky")).containsExactly("is-ci", "husky");
  }

  @Test
  void onlyTheLastCommandOfAScriptOrPipeDecidesItsStatus() {
    assertThat(failing("husky; node setup.js")).containsExactly("node");
    assertThat(failing("husky | tee log.txt")).containsExactly("tee");
  }

  @Test
  void operatorsInsideQuotesAreText() {
    assertThat(ShellCommands.parse("node -e \"a && b || c; d\"")).extracting(ShellCommands.Command::name)
        .containsExactly("node");
  }
}
