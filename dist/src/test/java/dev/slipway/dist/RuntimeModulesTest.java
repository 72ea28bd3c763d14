package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Linux bundle's jlink runtime holds only the modules dist/pom.xml lists (issue #23): this
 * keeps that list true when our code or a dependency starts to need another module.
 */
class RuntimeModulesTest {
  /**
   * What only the dependencies refer to, on paths the tools never take: Jackson's optional
   * java.beans and java.sql support, Bouncy Castle's LDAP certificate stores, commons-compress's
   * Pack200 (dist/pom.xml). LinuxBundleIT runs the tools without them.
   */
  private static final Set<String> NEVER_RUN = Set.of("java.desktop", "java.sql", "java.naming");

  /** jdeps -verbose:class lines: "   FROM.Class -> TO.Class MODULE" (or "... JDK internal API (MODULE)"). */
  static List<String> dependencies;

  @BeforeAll
  static void jdepsOnBothJars() {
    Path repo = ExampleApp.repoRoot();
    dependencies = jdeps("-verbose:class", "--ignore-missing-deps", "--multi-release", "17",
        repo.resolve("installer/target/slipway-installer.jar").toString(), repo.resolve("packager/target/slipway-packager.jar").toString());
  }

  @Test
  void everyModuleOurOwnCodeRefersToIsInTheRuntime() {
    Set<String> ours = modules(true);

    assertThat(ours).as("jdeps found nothing of ours").contains("java.base");
    assertThat(RuntimeModules.listed()).containsAll(ours);
    assertThat(ours).doesNotContainAnyElementsOf(NEVER_RUN);
  }

  @Test
  void everyModuleTheDependenciesReferToIsInTheRuntimeOrKnownToBeNeverRun() {
    Set<String> theirs = modules(false);

    theirs.removeAll(NEVER_RUN);
    assertThat(RuntimeModules.listed()).containsAll(theirs);
  }

  @Test
  void theProvidersTheJdkLoadsBehindJdepsBackAreListedToo() throws Exception {
    // Service providers are invisible to jdeps: minisign's Ed25519, and the curves of TLS key exchange.
    for (Class<?> provider : List.of(Signature.getInstance("Ed25519").getProvider().getClass(),
        KeyFactory.getInstance("Ed25519").getProvider().getClass(), KeyAgreement.getInstance("X25519").getProvider().getClass(),
        KeyAgreement.getInstance("ECDH").getProvider().getClass())) {
      assertThat(RuntimeModules.listed()).contains(provider.getModule().getName());
    }
  }

  /** The JDK modules referred to from dev.slipway classes ({@code ours}) or from the others. */
  private static Set<String> modules(boolean ours) {
    Set<String> modules = new TreeSet<>();
    for (String line : dependencies) {
      String[] words = line.strip().split("\\s+");
      // The module is the last word: "java.xml", or "(jdk.unsupported)" after "JDK internal API".
      String module = words[words.length - 1].replace("(", "").replace(")", "");
      if (words.length >= 4 && words[1].equals("->") && words[0].startsWith("dev.slipway.") == ours
          && module.matches("(java|jdk)\\.[a-z.]+")) {
        modules.add(module);
      }
    }
    return modules;
  }

  private static List<String> jdeps(String... args) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
