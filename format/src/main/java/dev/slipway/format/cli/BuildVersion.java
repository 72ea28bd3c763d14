package dev.slipway.format.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --version} prints for both tools (issue #17): the Maven project version and the git
 * commit the jar was built from (written into {@code build.properties} at build time), then the
 * Java runtime and the platform, which is what a bug report needs:
 * {@code installer 0.9.0 (commit abc1234) on Java 17.0.15, linux amd64}.
 *
 * @param version the project version, or "unknown"
 * @param commit the abbreviated commit, or "unknown" for a build outside a git checkout
 */
public record BuildVersion(String version, String commit) {
  static final String RESOURCE = "build.properties";
  static final String UNKNOWN = "unknown";

  public BuildVersion {
    version = known(version);
    commit = known(commit);
  }

  /** The version this jar was built as. */
  public static BuildVersion ofThisBuild() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
    }
    return new BuildVersion(properties.getProperty("version"), properties.getProperty("commit"));
  }

  /** {@code TOOL VERSION (commit C) on Java J, OS ARCH}. */
  public String line(String tool) {
    return tool + " " + version + " (commit " + commit + ") on Java " + System.getProperty("java.version")
        + ", " + System.getProperty("os.name").toLowerCase(Locale.ROOT) + " " + System.getProperty("os.arch");
  }

  // A blank value, or a placeholder left unfiltered (a build that skipped the resource filtering),
  // says nothing true about the build.
  private static String known(String value) {
    return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
  }

  /** The picocli version provider of both tools: the line above, named after the root command. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @CommandLine.Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      return new String[] {ofThisBuild().line(spec.root().name())};
    }
  }
}
