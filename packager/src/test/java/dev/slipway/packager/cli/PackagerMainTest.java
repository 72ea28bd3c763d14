package dev.slipway.packager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.cli.CapturedRun;
import dev.slipway.format.cli.HelpExamples;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.Manifest;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.ReproducibleArchiveWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packager's command line: usage errors, --version and the help's examples (issue #17). */
class PackagerMainTest {
  private static CapturedRun run(String... args) {
    return CapturedRun.of(PackagerMain.commandLine(), args);
  }

  @Test
  void aMistypedOptionGetsTheClosestOneAndAOneLineHint() {
    CapturedRun run = run("package", ".", "--outt", "dist");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).containsExactly(
        "error: Unknown option: '--outt' (did you mean --out?)", "Run 'packager package --help' for usage.");
  }

  @Test
  void aMissingArchiveIsNamedThenTheHint() {
    assertThat(run("inspect").err()).containsExactly(
        "error: Missing required parameter: '<archive>'", "Run 'packager inspect --help' for usage.");
  }

  @Test
  void inspectShowsEscapeSequencesOfAnArchiveInsteadOfObeyingThem(@TempDir Path tmp) throws Exception {
    // Issue #20: builtWith and start are free text the reader accepts; inspect prints them escaped.
    Manifest.Header header = new Manifest.Header(1, new Manifest.App("demo", "1.0.0"), "b1", null,
        new Manifest.BuiltWith("v20.11.1", "10\u001b]52;c;ZXZpbA==\u0007", "15\u001b[2J", "linux\nok: forged", "x64", "115"),
        ">=20", new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)), List.of());
    SortedMap<String, ArchiveSource> sources = new TreeMap<>();
    sources.put("server.js", ArchiveSource.bytes("1".getBytes(StandardCharsets.UTF_8)));
    Path archive = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(tmp.resolve("a.tar.gz"), sources, header, ReproducibleArchiveWriter.Progress.NONE).archive();

    CapturedRun run = run("inspect", archive.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("\u001b", "\u0007", "\nok: forged")
        .contains("npm 10\\x1b]52;c;ZXZpbA==\\x07, next 15\\x1b[2J, linux\\x0aok: forged-x64");
  }

  @Test
  void inspectSaysAReleaseShipsItsDependenciesAndWhichPlatformItIsTiedTo(@TempDir Path tmp) throws Exception {
    String addon = "node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node";
    ShippedDependencies deps = new ShippedDependencies(ShippedDependencies.STANDALONE, "musl", List.of(addon));
    Manifest.Header header = new Manifest.Header(Manifest.DEPENDENCIES_FORMAT_VERSION, new Manifest.App("demo", "1.0.0"), "b1",
        null, new Manifest.BuiltWith("v20.11.1", "10.0.0", "16.4.6", "linux", "arm64", "115"), ">=20",
        new Manifest.Start("none", "server.js", null), new Manifest.Lockfile("package-lock.json", "a".repeat(64)), deps, List.of());
    SortedMap<String, ArchiveSource> sources = new TreeMap<>();
    sources.put(addon, ArchiveSource.bytes("ELF".getBytes(StandardCharsets.UTF_8)));
    sources.put("server.js", ArchiveSource.bytes("1".getBytes(StandardCharsets.UTF_8)));
    Path archive = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(tmp.resolve("a.tar.gz"), sources, header, ReproducibleArchiveWriter.Progress.NONE).archive();

    CapturedRun run = run("inspect", archive.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("dependencies: shipped (standalone), no npm ci; runs on linux-arm64 musl, node abi 115"
        + " (1 native addon: " + addon + ")");
  }

  @Test
  void versionNamesTheBuildItsCommitJavaAndThePlatform() {
    CapturedRun run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out().strip())
        .matches("packager \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\) on Java \\S+, \\S+ \\S+")
        .doesNotContain(" dev");
  }

  @Test
  void eachSubcommandsHelpEndsWithExamplesThatParse() {
    assertThat(PackagerMain.EXAMPLES).containsOnlyKeys(PackagerMain.commandLine().getSubcommands().keySet());
    PackagerMain.EXAMPLES.forEach((name, examples) -> {
      String help = run(name, "--help").out();

      assertThat(help.strip()).as(name).endsWith(examples.get(examples.size() - 1).strip());
      assertThat(help).as(name).contains("Examples:\n  " + examples.get(0) + "\n");
      // Each whole on its line: picocli wraps lines longer than its 80 columns.
      examples.forEach(example -> assertThat(help).as(name).contains("\n  " + example + "\n"));
      for (List<String> args : HelpExamples.asArguments(examples)) {
        PackagerMain.commandLine().parseArgs(args.toArray(String[]::new));
      }
    });
  }
}
