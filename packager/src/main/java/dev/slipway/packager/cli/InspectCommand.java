package dev.slipway.packager.cli;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.TerminalText;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code packager inspect ARCHIVE}: the manifest's summary and the env manifest. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print an archive's manifest summary and its env manifest (names only).")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The .tar.gz written by packager package")
  Path archive;

  @Option(names = "--json", description = "Print the manifest and env manifest as one JSON object")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Manifest manifest;
    EnvManifest env;
    try (InputStream in = Files.newInputStream(archive)) {
      manifest = SafeArchiveReader.readManifest(in);
    }
    try (InputStream in = Files.newInputStream(archive)) {
      env = SafeArchiveReader.readEnvManifest(in);
    }
    PrintWriter out = spec.commandLine().getOut();
    ArchiveCounts counts = new ArchiveCounts(manifest.files().size(), manifest.totalSize(), Files.size(archive));
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      counts.putInto(all);
      all.put("manifest", manifest);
      all.put("env", env);
      out.println(Json.line(all));
      out.flush();
      return 0;
    }
    // Every field below comes from the archive, most of them free text (builtWith, start, links): escaped (issue #20).
    java.util.function.Consumer<String> say = text -> out.println(TerminalText.escape(text));
    say.accept("app:          " + manifest.app().name() + " " + manifest.app().version());
    say.accept("build id:     " + manifest.buildId());
    say.accept("build time:   " + (manifest.buildTime() == null ? "(not recorded; set SOURCE_DATE_EPOCH)" : manifest.buildTime()));
    Manifest.BuiltWith b = manifest.builtWith();
    say.accept("built with:   node " + b.node() + ", npm " + b.npm() + ", next " + b.next() + ", " + b.platform() + "-" + b.arch()
        + " (abi " + b.nodeAbi() + ")");
    say.accept("engines.node: " + (manifest.enginesNode() == null ? "(none)" : manifest.enginesNode()));
    Manifest.Start s = manifest.start();
    say.accept("start:        " + (s.entry() != null ? "node " + s.entry() : "npm run " + s.npmScript()) + " (web.config: " + s.webConfig() + ")");
    say.accept("lockfile:     " + manifest.lockfile().name() + " sha256 " + manifest.lockfile().sha256());
    say.accept("files:        " + counts.describe());
    // Format version 3 (issue #18): the release carries node_modules/ and is tied to this platform.
    ShippedDependencies deps = manifest.dependencies();
    say.accept("dependencies: " + (deps == null ? "installed on the server by npm ci --omit=dev"
        : "shipped (" + deps.source() + "), no npm ci; runs on " + b.platform() + "-" + b.arch() + " " + deps.libc()
            + (deps.hasNativeAddons() ? ", node abi " + b.nodeAbi() + " (" + deps.nativeAddons().size()
                + (deps.nativeAddons().size() == 1 ? " native addon: " : " native addons: ")
                + String.join(", ", deps.nativeAddons()) + ")" : ", any node abi (no native addons)")));
    // Turbopack's links (format version 2, issue #16): what the installer creates after npm ci.
    for (Manifest.Link link : manifest.links()) {
      say.accept("link:         " + link.path() + " -> " + link.target() + " (package " + link.packageName() + ")");
    }
    say.accept("env required: " + names(env.required()));
    say.accept("env optional: " + names(env.optional()));
    say.accept("env inlined at build: " + names(env.inlinedAtBuild()));
    say.accept("env read but undeclared: " + names(env.referencedUndeclared()));
    out.flush();
    return 0;
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
