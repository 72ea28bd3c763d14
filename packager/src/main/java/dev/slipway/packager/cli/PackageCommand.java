package dev.slipway.packager.cli;
import dev.slipway.format.ConsoleReporter;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.packager.PackageRequest;
import dev.slipway.packager.PackageResult;
import dev.slipway.packager.Packager;
import dev.slipway.packager.signing.ArchiveSigner;
import dev.slipway.packager.signing.SigningKey;
import dev.slipway.templates.WebConfigKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code packager package [DIR] --out OUT}: see docs/packaging.md and docs/reference/cli.md. */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = "Check a built Next.js app and write OUT/<name>-<version>-<buildId>.tar.gz and its .sha256.")
final class PackageCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "The app's folder (default: .)")
  Path dir;

  @Option(names = "--out", description = "Output folder (default: DIR/dist)")
  Path out;

  @Option(names = "--web-config", defaultValue = "iisnode",
      description = "iisnode, httpplatform, reverse-proxy or none (default: ${DEFAULT-VALUE})")
  String webConfig;

  @Option(names = "--include", description = "Also package this file or folder (relative to DIR); repeatable")
  List<String> includes = new ArrayList<>();

  @Option(names = "--allow-secret-file", description = "Package this secret-looking file anyway; repeatable")
  List<String> allowSecretFiles = new ArrayList<>();

  @Option(names = "--require-env", description = "An env var production must have; repeatable")
  List<String> requireEnv = new ArrayList<>();

  @Option(names = "--optional-env", description = "An env var production may have; repeatable")
  List<String> optionalEnv = new ArrayList<>();

  @Option(names = "--build", description = "Remove .next, npm ci, npm run build, then package")
  boolean build;

  @Option(names = "--bundle-deps",
      description = "Ship the production dependencies (npm ci --omit=dev run here), so the server needs no registry")
  boolean bundleDeps;

  @Option(names = "--json", description = "Print one JSON object instead of text")
  boolean json;

  @Option(names = "--node", defaultValue = "node", description = "The node executable (default: node on PATH)")
  String node;

  @Option(names = "--npm", description = "The npm executable (default: npm on PATH)")
  String npm;

  @Option(names = "--sign-key", paramLabel = "FILE",
      description = "Sign the archive with this minisign secret key: writes ARCHIVE.minisig (issue #22)")
  Path signKey;

  @Option(names = "--sign-key-password-env", paramLabel = "NAME",
      description = "The environment variable holding the password of an encrypted --sign-key (never the password itself)")
  String signKeyPasswordEnv;

  @Override
  public Integer call() throws Exception {
    WebConfigKind kind;
    try {
      kind = WebConfigKind.parse(webConfig);
    } catch (IllegalArgumentException e) {
      throw new SlipwayException(FailureKind.USAGE, "BAD_OPTION", e.getMessage(), null, "packager package --help");
    }
    PackageRequest request =
        new PackageRequest(
            dir, out, kind, includes, new HashSet<>(allowSecretFiles), requireEnv, optionalEnv, build,
            sourceDateEpoch(), node, npm == null ? PackageRequest.defaults(dir).npm() : npm, bundleDeps);
    PrintStream stdout = System.out;
    // The key is opened first: a wrong password must not cost a whole build.
    Optional<SecretKey> key = signKey == null ? Optional.empty()
        : Optional.of(SigningKey.open(signKey, Optional.ofNullable(signKeyPasswordEnv), System.getenv()));
    ConsoleReporter reporter = new ConsoleReporter(System.err, System.console() != null);
    PackageResult result = new Packager(reporter, System.err).pack(request);
    key.ifPresent(k -> reporter.step("signing with key " + k.id()));
    Optional<Path> signature = ArchiveSigner.apply(key, result.archive(), result.manifest(), result.sha256());
    reporter.endBar();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", true);
      out.put("path", result.archive().toString());
      out.put("sha256", result.sha256());
      counts(result).putInto(out);
      out.put("warnings", result.warnings());
      out.put("sidecar", result.sidecar().toString());
      signature.ifPresent(s -> out.put("signature", s.toString()));
      key.ifPresent(k -> out.put("signedBy", k.id().toString()));
      stdout.println(Json.line(out));
    } else {
      stdout.println("packaged " + result.manifest().app().name() + " " + result.manifest().app().version()
          + " (build " + result.manifest().buildId() + "): " + counts(result).describe() + ", sha256 " + result.sha256()
          + key.map(k -> ", signed by " + k.id()).orElse(""));
      stdout.println(result.archive());
    }
    return 0;
  }

  private static ArchiveCounts counts(PackageResult result) {
    return new ArchiveCounts(result.fileCount(), result.unpackedSize(), result.size());
  }

  /** https://reproducible-builds.org/specs/source-date-epoch/ */
  private static Optional<Instant> sourceDateEpoch() {
    String value = System.getenv("SOURCE_DATE_EPOCH");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      throw new SlipwayException(FailureKind.USAGE, "BAD_SOURCE_DATE_EPOCH",
          "SOURCE_DATE_EPOCH must be a number of seconds since 1970, was '" + value + "'", null,
          "export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)");
    }
  }
}
