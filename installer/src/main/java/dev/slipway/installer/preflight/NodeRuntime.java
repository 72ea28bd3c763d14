package dev.slipway.installer.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import dev.slipway.process.CapturedCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
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
 * @param libc the C library node runs on: {@code glibc} or {@code musl} on Linux, {@code none}
 *     elsewhere, {@value #UNKNOWN_LIBC} when neither could be seen (issue #18: native addons built
 *     against one do not load under the other)
 */
public record NodeRuntime(
    String version, int major, String modulesAbi, String platform, String arch, String libc) {
  public static final String UNKNOWN_LIBC = "unknown";

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  /**
   * No spaces or quotes (nor cmd's {@code = > ; &}): survives any argument quoting, Windows'
   * included. The fifth item is glibc's version as node's diagnostic report gives it (the way
   * detect-libc, which sharp uses, asks): absent under musl and off Linux. {@code excludeNetwork} keeps the report from resolving
   * host names (slow, or hanging, on a host without DNS); older nodes ignore it. A node without a
   * report (before 12) answers null there, so its version still reaches the preflight's message.
   */
  private static final String PROBE = "JSON.stringify([process.versions.node,process.versions.modules,process.platform,"
      + "process.arch,(function(){try{return(Object.assign(process.report,{excludeNetwork:true}).getReport().header"
      + ".glibcVersionRuntime)}catch(e){return(null)}})()])";
  /** Where musl's dynamic loader lives (ld-musl-x86_64.so.1, ld-musl-aarch64.so.1, ...). */
  private static final Path LIB = Path.of("/lib");

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
    Objects.requireNonNull(libc, "libc");
  }

  /** A runtime whose C library does not matter (tests of the version checks). */
  public NodeRuntime(String version, int major, String modulesAbi, String platform, String arch) {
    this(version, major, modulesAbi, platform, arch, "linux".equals(platform) ? "glibc" : "none");
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
      String platform = answer.get(2).asText();
      JsonNode glibc = answer.path(4);
      return new NodeRuntime(
          version,
          Semver.parse(version).getMajor(),
          answer.get(1).asText(),
          platform,
          answer.get(3).asText(),
          libc(platform, glibc.isTextual() ? glibc.asText() : null, LIB));
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

  /**
   * {@code none} off Linux; {@code glibc} when node's report names glibc's version; {@code musl}
   * when musl's loader is in {@code lib} (Alpine); otherwise {@value #UNKNOWN_LIBC}, which matches
   * no release's libc.
   */
  static String libc(String platform, String glibcVersion, Path lib) {
    if (!"linux".equals(platform)) {
      return "none";
    }
    if (glibcVersion != null && !glibcVersion.isBlank()) {
      return "glibc";
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-")) ? "musl" : UNKNOWN_LIBC;
    } catch (IOException | RuntimeException e) {
      return UNKNOWN_LIBC;
    }
  }

  static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  /** "20.20.2 (modules ABI 115, linux-x64)". */
  public String describe() {
    return version + " (modules ABI " + modulesAbi + ", " + platform + "-" + arch + ")";
  }

  /** "linux-x64-glibc": what a release that ships native code is tied to (issue #18). */
  public String platformTriple() {
    return platform + "-" + arch + "-" + libc;
  }
}
