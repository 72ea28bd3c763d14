package dev.slipway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.ExampleApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bin/installer.cmd and bin/packager.cmd (issues #23, #25). No Windows host runs the test suite, so
 * this checks the structure they rely on; PortableZipIT checks that the zip carries them unchanged.
 */
class WindowsLaunchersTest {
  static final String[] TOOLS = {"installer", "packager"};

  @Test
  void everyLineEndsInCrLfAsCmdExeNeedsForItsLabels() throws IOException {
    for (String tool : TOOLS) {
      assertCrLfOnly(ExampleApp.repoRoot().resolve("bin/" + tool + ".cmd"));
    }
  }

  @Test
  void theyFindTheJarOfABundleOrACheckoutFromTheirOwnFolderWithPathsQuoted() throws IOException {
    for (String tool : TOOLS) {
      String text = read(tool);
      // %~dp0: the batch file's own folder, whatever the current one; quoted wherever a path is used.
      assertThat(text).contains("set \"SLIPWAY_HOME=%~dp0..\"")
          .contains("set \"JAR=%SLIPWAY_HOME%\\lib\\slipway-" + tool + ".jar\"")
          .contains("set \"JAR=%SLIPWAY_HOME%\\" + tool + "\\target\\slipway-" + tool + ".jar\"")
          .contains("-jar \"%JAR%\" %*")
          .contains("exit /b %ERRORLEVEL%");
    }
  }

  @Test
  void theyTakeJavaHomeThenPathElseSayHowToInstallJavaInOneLine() throws IOException {
    for (String tool : TOOLS) {
      String text = read(tool);
      int javaHome = text.indexOf("if defined JAVA_HOME if exist \"%JAVA_HOME%\\bin\\java.exe\" set \"JAVA=%JAVA_HOME%\\bin\\java.exe\"");
      int path = text.indexOf("for %%J in (java.exe) do set \"JAVA=%%~$PATH:J\"");
      int none = text.indexOf("winget install EclipseAdoptium.Temurin.17.JRE 1>&2");
      assertThat(javaHome).as("JAVA_HOME branch").isPositive();
      assertThat(path).as("PATH branch, after JAVA_HOME").isGreaterThan(javaHome);
      assertThat(none).as("the install hint, when neither has Java").isGreaterThan(path);
      assertThat(text.substring(none)).contains("exit /b 127");
      assertThat(text).contains("\"%JAVA%\" %SLIPWAY_JAVA_OPTS% -Dfile.encoding=UTF-8");
    }
  }

  static void assertCrLfOnly(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as(file + " ends with a line end").endsWith("\r\n");
    assertThat(text.replace("\r\n", "")).as(file + " has a bare LF or CR").doesNotContain("\n").doesNotContain("\r");
  }

  private static String read(String tool) throws IOException {
    return Files.readString(ExampleApp.repoRoot().resolve("bin/" + tool + ".cmd"), StandardCharsets.UTF_8);
  }
}
