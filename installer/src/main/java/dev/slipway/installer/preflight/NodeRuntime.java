package dev.slipway.installer.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.process.CapturedCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.semver4j.Semver;

/**
 * The Node.js that will run the release, as it describes itself.
 *
 * @param version e.g. {@code 20.20.2} (no leading v)
 * @param major e.g. 20
 * @param modulesAbi {@code process.versions.modules}, the ABI native addons are compiled for, e.g.
 *     {@code 115}
 * @param platform {@code process.platform}, e.g. {@code linux}, {@code win32}
 * @param arch {@code process.arch}, e.g. {@code x64}, {@code arm64}
 */
public record NodeRuntime(
    String version, int major, String modulesAbi, String platform, String arch) {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  /** No spaces or quotes: survives any argument quoting, Windows' included. */
  private static final String PROBE =
      "JSON.stringify([process.versions.node,process.versions.modules,process.platform,process.arch])";

  public NodeRuntime {
    Objects.requireNonNull(version, "version");
    Semver parsed = Semver.parse(version);
    if (parsed == null || version.startsWith("v")) {
      throw new IllegalArgumentException("not a Node.js version: " + version);
    }
    if (parsed.getMajor() != major) {
      throw new IllegalArgumentException("major " + major + " does not match version " + version);
    }
    Objects.requireNonNull(modulesAbi, "modulesAbi");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(arch, "arch");
  }

  /**
   * Runs {@code node -p} to ask it.
   *
   * @param nodeExecutable {@code node}, or a full path
   * @throws SlipwayException NODE_PREFLIGHT: NODE_NOT_FOUND when it cannot be started,
   *     NODE_UNUSABLE when it starts but does not answer (a missing shared library, say)
   */
  public static NodeRuntime probe(String nodeExecutable) throws InterruptedException {
    CapturedCommand.Output out;
    try {
      out = CapturedCommand.run(List.of(nodeExecutable, "-p", PROBE), Map.of(), PROBE_TIMEOUT);
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.NODE_PREFLIGHT,
          "NODE_NOT_FOUND",
          "Node.js could not be run (`"
              + nodeExecutable
              + "`); install Node.js or give the installer the path of the node executable",
          e.getMessage(),
          "the node executable must be on the PATH of the user running the installer, or be given"
              + " with its full path");
    }
    if (out.exitCode().isEmpty() || out.exitCode().get() != 0) {
      throw unusable(nodeExecutable, out);
    }
    try {
      JsonNode answer = Json.mapper().readTree(lastLine(out.output()));
      String version = answer.get(0).asText();
      return new NodeRuntime(
          version,
          Semver.parse(version).getMajor(),
          answer.get(1).asText(),
          answer.get(2).asText(),
          answer.get(3).asText());
    } catch (IOException | RuntimeException e) {
      throw unusable(nodeExecutable, out);
    }
  }

  private static SlipwayException unusable(String node, CapturedCommand.Output out) {
    String what =
        out.exitCode()
            .map(code -> "exited with code " + code)
            .orElse("did not answer within " + PROBE_TIMEOUT.toSeconds() + "s");
    return new SlipwayException(
        FailureKind.NODE_PREFLIGHT,
        "NODE_UNUSABLE",
        "`"
            + node
            + " -p` "
            + what
            + " instead of reporting its version; repair or reinstall Node.js on this host",
        out.output().strip().isEmpty() ? null : out.output().strip(),
        "run `" + node + " -v` as the user running the installer to see the problem");
  }

  static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  /** "20.20.2 (modules ABI 115, linux-x64)". */
  public String describe() {
    return version + " (modules ABI " + modulesAbi + ", " + platform + "-" + arch + ")";
  }
}
