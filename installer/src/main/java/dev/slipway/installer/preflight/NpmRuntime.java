package dev.slipway.installer.preflight;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.process.CapturedCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.semver4j.Semver;

/**
 * The npm that will install the release's dependencies.
 *
 * @param version e.g. {@code 11.19.1}
 * @param major e.g. 11
 */
public record NpmRuntime(String version, int major) {

  /** npm loads a lot of code before answering; slow disks make that seconds. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  public NpmRuntime {
    Objects.requireNonNull(version, "version");
    Semver parsed = Semver.parse(version);
    if (parsed == null || version.startsWith("v")) {
      throw new IllegalArgumentException("not an npm version: " + version);
    }
    if (parsed.getMajor() != major) {
      throw new IllegalArgumentException("major " + major + " does not match version " + version);
    }
  }

  /**
   * Runs {@code npm -v}.
   *
   * @param npm {@code npm} ({@code npm.cmd} on Windows), or a full path
   * @throws SlipwayException NODE_PREFLIGHT: NPM_NOT_FOUND when it cannot be started, NPM_UNUSABLE
   *     when it does not print a version (npm is a Node script: a broken or missing node breaks it)
   */
  public static NpmRuntime probe(String npm) throws InterruptedException {
    CapturedCommand.Output out;
    try {
      // No update check: it would query the registry and might print a notice instead.
      out =
          CapturedCommand.run(
              List.of(npm, "-v"), Map.of("npm_config_update_notifier", "false"), PROBE_TIMEOUT);
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.NODE_PREFLIGHT,
          "NPM_NOT_FOUND",
          "npm could not be run (`"
              + npm
              + "`); install npm (it comes with Node.js) or give the installer the path of the npm"
              + " executable",
          e.getMessage(),
          "npm must be on the PATH of the user running the installer, or be given with its full"
              + " path");
    }
    String version = out.output().isBlank() ? "" : NodeRuntime.lastLine(out.output());
    Semver parsed = Semver.isValid(version) ? Semver.parse(version) : null;
    if (out.exitCode().isEmpty() || out.exitCode().get() != 0 || parsed == null) {
      String what =
          out.exitCode()
              .map(code -> "exited with code " + code)
              .orElse("did not answer within " + PROBE_TIMEOUT.toSeconds() + "s");
      throw new SlipwayException(
          FailureKind.NODE_PREFLIGHT,
          "NPM_UNUSABLE",
          "`"
              + npm
              + " -v` "
              + what
              + (parsed == null ? " without printing a version" : "")
              + "; repair or reinstall npm on this host",
          out.output().strip().isEmpty() ? null : out.output().strip(),
          "run `" + npm + " -v` as the user running the installer to see the problem");
    }
    return new NpmRuntime(version, parsed.getMajor());
  }
}
