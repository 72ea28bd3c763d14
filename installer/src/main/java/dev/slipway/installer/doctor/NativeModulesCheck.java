package dev.slipway.installer.doctor;

import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.user.ServiceUser;
import dev.slipway.installer.diagnosis.Classifier;
import dev.slipway.installer.diagnosis.Context;
import dev.slipway.installer.diagnosis.Diagnosis;
import dev.slipway.installer.diagnosis.Signature;
import dev.slipway.installer.diagnosis.Source;
import dev.slipway.installer.preflight.NodeRuntime;
import dev.slipway.process.CapturedCommand;
import dev.slipway.process.RunAs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code native-modules}: every native addon ({@code *.node}) under {@code node_modules} loads
 * under this host's Node.js (step 8 of the guide: "Check for native module or platform-specific
 * package failures"). Each one is loaded in a fresh {@code node -e "require(file)"}, so one that
 * crashes node is named by itself; a failure is named by the {@link Classifier} ({@code
 * NATIVE_MODULE_ABI}).
 *
 * <p>Bounded: the walk does not follow links, goes at most {@value #MAX_DEPTH} folders deep and
 * stops after {@value #MAX_VISITED} entries; at most {@value #MAX_LOADED} addons are loaded (a
 * warning says when more were found). Addons whose path names another platform, CPU or C library
 * ({@code prebuilds/darwin-arm64/…}, {@code …-musl…} on glibc) are skipped: packages ship them for
 * other hosts and pick the right one at run time, so loading them here would fail for no fault.
 */
final class NativeModulesCheck implements Check {
  static final String NAME = "native-modules";
  static final String NATIVE_MODULE_ABI = "NATIVE_MODULE_ABI";
  static final int MAX_LOADED = 50;
  static final int MAX_VISITED = 300_000;
  static final int MAX_DEPTH = 40;
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
  /** No spaces or quotes: survives any argument quoting. argv[1] is the first argument after -e's script. */
  static final String LOADER = "require(process.argv[1])";

  private static final Set<String> PLATFORMS =
      Set.of("linux", "darwin", "win32", "freebsd", "openbsd", "netbsd", "sunos", "aix", "android", "windows", "macos", "osx");
  private static final Set<String> ARCHES = Set.of(
      "x64", "arm64", "ia32", "arm", "ppc64", "ppc64le", "s390x", "riscv64", "loong64", "x86", "x86_64", "amd64",
      "aarch64", "armv7", "armv7l", "armhf", "universal");

  private final String node;
  private final Classifier classifier;
  private final AppUser appUser;

  NativeModulesCheck(String node, Classifier classifier, AppUser appUser) {
    this.node = node;
    this.classifier = classifier;
    this.appUser = appUser;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException, InterruptedException {
    Path modules = release.dir().resolve("node_modules");
    if (!Files.isDirectory(modules)) {
      return CheckResult.ok(NAME, "no node_modules folder, so no native modules (the dependencies check covers that)");
    }
    Found found = find(modules);
    if (found.files().isEmpty()) {
      return found.truncated()
          ? CheckResult.warn(NAME, "no native modules (*.node) among the first " + MAX_VISITED + " entries of node_modules;"
              + " the rest was not searched", null)
          : CheckResult.ok(NAME, "no native modules (*.node) in node_modules");
    }
    NodeRuntime host;
    try {
      host = NodeRuntime.probe(node);
    } catch (SlipwayException e) {
      return CheckResult.warn(NAME, found.files().size() + " native module(s) found, but node could not be run to load"
          + " them (see the node check)", e.fix());
    }
    boolean musl = hostUsesMusl(host);
    List<Path> forHost = new ArrayList<>();
    int skipped = 0;
    for (Path file : found.files()) {
      if (builtForAnotherHost(modules.relativize(file), host.platform(), host.arch(), musl)) {
        skipped++;
      } else {
        forHost.add(file);
      }
    }
    if (forHost.isEmpty()) {
      return CheckResult.ok(NAME, "no native module built for this host (" + host.platform() + "-" + host.arch()
          + "); skipped " + skipped + " built for another platform");
    }
    Optional<RunAs> runAs;
    try {
      // Issue #20: loading an addon runs its code, which came with the archive: as root it runs as
      // the service user, like npm ci, the smoke start and doctor's npm ls.
      runAs = ServiceUser.decideWithoutRecording(release.root(), appUser).runAs();
    } catch (SlipwayException e) {
      return CheckResult.fail(NAME, forHost.size() + " native module(s) not loaded: " + e.getMessage(), e.fix());
    }
    List<Path> loaded = forHost.subList(0, Math.min(MAX_LOADED, forHost.size()));
    List<String> failed = new ArrayList<>();
    String firstOutput = null;
    for (Path file : loaded) {
      CapturedCommand.Output out = CapturedCommand.run(List.of(node, "-e", LOADER, file.toString()), release.dir(), Map.of(),
          LOAD_TIMEOUT, CapturedCommand.DEFAULT_MAX_OUTPUT, runAs);
      if (out.exitCode().isPresent() && out.exitCode().get() == 0) {
        continue;
      }
      String why = out.exitCode().map(code -> "exit " + code).orElse("no answer within " + LOAD_TIMEOUT.toSeconds() + " s");
      failed.add(modules.relativize(file) + " (" + why + ")");
      if (firstOutput == null) {
        firstOutput = out.output();
      }
    }
    String under = "Node.js v" + host.version() + " (modules ABI " + host.modulesAbi() + ", " + host.platform() + "-"
        + host.arch() + ")";
    String notes = (skipped > 0 ? "; skipped " + skipped + " built for another platform" : "")
        + (forHost.size() > loaded.size() ? "; loaded only the first " + loaded.size() + " of " + forHost.size() : "")
        + (found.truncated() ? "; stopped searching after " + MAX_VISITED + " entries" : "");
    if (!failed.isEmpty()) {
      Diagnosis diagnosis = classifier.classify(Source.APP, firstOutput,
          Context.forRelease(release.dir(), release.manifest().map(Manifest::header).orElse(null), host.version()));
      boolean named = diagnosis.code().equals(NATIVE_MODULE_ABI);
      String detail = failed.size() + " of " + loaded.size() + " native module" + (loaded.size() == 1 ? "" : "s")
          + " fail to load under " + under + ": " + String.join(", ", failed)
          + (named ? " — " + diagnosis.code() + ": " + diagnosis.explanation() : "") + notes;
      String evidence = diagnosis.firstException() != null ? diagnosis.firstException() : firstLines(firstOutput, 6);
      return CheckResult.fail(NAME, detail, named ? diagnosis.fix() : genericFix()).withEvidence(evidence);
    }
    String detail = loaded.size() + " native module" + (loaded.size() == 1 ? "" : "s") + " load under " + under + ": "
        + String.join(", ", packagesOf(modules, loaded)) + notes;
    return forHost.size() > loaded.size() || found.truncated()
        ? CheckResult.warn(NAME, detail, null)
        : CheckResult.ok(NAME, detail);
  }

  /** The classifier's wording for an addon that does not load, without a module to name. */
  private String genericFix() {
    return classifier.signatures().all().stream()
        .filter(s -> s.code().equals(NATIVE_MODULE_ABI) && s.placeholders().isEmpty())
        .map(Signature::fix)
        .findFirst()
        .orElse("run npm rebuild in the release folder with the Node.js that runs the app, or install the release"
            + " again so npm ci builds the addons on this host");
  }

  record Found(List<Path> files, boolean truncated) {}

  static Found find(Path modules) throws IOException {
    List<Path> files = new ArrayList<>();
    int[] visited = {0};
    boolean[] truncated = {false};
    Files.walkFileTree(modules, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (++visited[0] > MAX_VISITED) {
          truncated[0] = true;
          return FileVisitResult.TERMINATE;
        }
        if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".node")) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // an unreadable corner is no reason to stop looking
      }
    });
    files.sort(null);
    return new Found(files, truncated[0]);
  }

  /**
   * Whether the path names a platform, CPU or C library other than this host's, in a folder or
   * file name token ({@code @next/swc-linux-x64-musl}, {@code prebuilds/win32-x64/node.napi.node}).
   */
  static boolean builtForAnotherHost(Path relative, String platform, String arch, boolean musl) {
    Set<String> tokens = new TreeSet<>(List.of(relative.toString().toLowerCase(Locale.ROOT).split("[/\\\\._+-]+")));
    Set<String> platforms = new TreeSet<>();
    Set<String> arches = new TreeSet<>();
    for (String token : tokens) {
      if (PLATFORMS.contains(token)) {
        platforms.add(switch (token) {
          case "windows" -> "win32";
          case "macos", "osx" -> "darwin";
          default -> token;
        });
      }
      if (ARCHES.contains(token)) {
        arches.add(switch (token) {
          case "x86_64", "amd64" -> "x64";
          case "aarch64" -> "arm64";
          case "armv7", "armv7l", "armhf" -> "arm";
          case "x86" -> "ia32";
          case "ppc64le" -> "ppc64";
          default -> token;
        });
      }
    }
    if (!platforms.isEmpty() && !platforms.contains(platform)) {
      return true;
    }
    if (!arches.isEmpty() && !arches.contains(arch) && !arches.contains("universal")) {
      return true;
    }
    if (platform.equals("linux")) {
      boolean saysMusl = tokens.contains("musl");
      boolean saysGlibc = tokens.contains("gnu") || tokens.contains("glibc");
      return musl ? saysGlibc && !saysMusl : saysMusl && !saysGlibc;
    }
    return false;
  }

  /** Alpine and other musl systems have the musl dynamic loader in /lib. */
  private static boolean hostUsesMusl(NodeRuntime host) {
    if (!host.platform().equals("linux")) {
      return false;
    }
    try (DirectoryStream<Path> loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
      return loaders.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code @img/sharp-linux-x64} for {@code node_modules/@img/sharp-linux-x64/lib/x.node}. */
  static List<String> packagesOf(Path modules, List<Path> files) {
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      String rel = modules.relativize(file).toString().replace('\\', '/');
      int nested = rel.lastIndexOf("/node_modules/");
      if (nested >= 0) {
        rel = rel.substring(nested + "/node_modules/".length());
      }
      String[] parts = rel.split("/");
      names.add(parts[0].startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0]);
    }
    return List.copyOf(names);
  }

  private static String firstLines(String text, int count) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return String.join("\n", text.strip().lines().limit(count).toList());
  }
}
