package dev.slipway.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code .deploy/manifest.json}: the first entry of every archive. It names the app and the build,
 * records what the build ran on (so the installer can refuse a drifted host), how the release is
 * started, and every other file with its size, mode and SHA-256 (so the installer can check each
 * file as it unpacks it). Format version 2 adds {@code links}: Turbopack's links under
 * {@code .next/node_modules/}, which the installer recreates after {@code npm ci} (issue #16).
 * Format version 3 adds {@code dependencies}: the archive carries its {@code node_modules/}
 * (standalone builds, {@code --bundle-deps}), so the installer runs no {@code npm ci} (issue #18).
 * See docs/FORMAT.md.
 */
public record Manifest(
    int formatVersion,
    App app,
    String buildId,
    String buildTime,
    BuiltWith builtWith,
    String enginesNode,
    Start start,
    Lockfile lockfile,
    @JsonInclude(JsonInclude.Include.NON_NULL) ShippedDependencies dependencies,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links,
    List<FileEntry> files) {

  /**
   * The version of a manifest without links: what every archive without links is written as, so
   * their bytes are those of earlier packagers and earlier installers still read them.
   */
  public static final int FORMAT_VERSION = 1;
  /**
   * The version of a manifest with links (issue #16): an installer that reads only version 1 would
   * skip the unknown {@code links} field and install a release that fails on the routes needing
   * them, so it must refuse the archive instead.
   */
  public static final int LINKS_FORMAT_VERSION = 2;
  /**
   * The version of a manifest with {@code dependencies} (issue #18): an installer that reads only
   * versions 1 and 2 would run {@code npm ci} on a release that ships its traced {@code
   * node_modules/} (and fail offline), so it must refuse the archive instead.
   */
  public static final int DEPENDENCIES_FORMAT_VERSION = 3;
  /** The newest version this code reads. */
  public static final int NEWEST_FORMAT_VERSION = DEPENDENCIES_FORMAT_VERSION;
  /** 4 TiB in all: keeps every size sum far from overflow. */
  public static final long MAX_TOTAL_SIZE = 1L << 42;

  /** A manifest whose release gets its dependencies from {@code npm ci} (format versions 1 and 2). */
  public Manifest(int formatVersion, App app, String buildId, String buildTime, BuiltWith builtWith, String enginesNode,
      Start start, Lockfile lockfile, List<Link> links, List<FileEntry> files) {
    this(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, null, links, files);
  }

  public Manifest {
    links = header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, dependencies, links).links();
    Objects.requireNonNull(files, "files");
    files = List.copyOf(files);
    FileListCheck check = new FileListCheck();
    LinkListCheck linked = new LinkListCheck(links);
    for (FileEntry file : files) {
      check.accept(file);
      linked.acceptFile(file.path());
    }
  }

  /** The format version a manifest with these links is written as: 1 without links, 2 with. */
  public static int formatVersionFor(List<Link> links) {
    return formatVersionFor(null, links);
  }

  /**
   * The oldest format version that holds these fields, so that every archive is readable by as many
   * installers as possible: 3 with shipped dependencies, else 2 with links, else 1.
   */
  public static int formatVersionFor(ShippedDependencies dependencies, List<Link> links) {
    if (dependencies != null) {
      return DEPENDENCIES_FORMAT_VERSION;
    }
    return links == null || links.isEmpty() ? FORMAT_VERSION : LINKS_FORMAT_VERSION;
  }

  /** Everything but the file list. */
  public Header header() {
    return header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, dependencies, links);
  }

  private static Header header(int formatVersion, App app, String buildId, String buildTime, BuiltWith builtWith,
      String enginesNode, Start start, Lockfile lockfile, ShippedDependencies dependencies, List<Link> links) {
    return new Header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, dependencies, links);
  }

  /**
   * The manifest without its file list: what a reader keeps once the list has been checked against
   * the entries (50k entries are about 30 MB of heap; issue #7), and all that an install, a rollback
   * or {@code --json} output needs of it.
   */
  public record Header(
      int formatVersion,
      App app,
      String buildId,
      String buildTime,
      BuiltWith builtWith,
      String enginesNode,
      Start start,
      Lockfile lockfile,
      @JsonInclude(JsonInclude.Include.NON_NULL) ShippedDependencies dependencies,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    /** A header whose release gets its dependencies from {@code npm ci} (format versions 1 and 2). */
    public Header(int formatVersion, App app, String buildId, String buildTime, BuiltWith builtWith,
        String enginesNode, Start start, Lockfile lockfile, List<Link> links) {
      this(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, null, links);
    }

    public Header {
      if (formatVersion < 1) {
        throw new IllegalArgumentException("formatVersion must be at least 1, was " + formatVersion);
      }
      Objects.requireNonNull(app, "app");
      ManifestText.buildId(buildId);
      Objects.requireNonNull(builtWith, "builtWith");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(lockfile, "lockfile");
      // Absent in a version 1 manifest, so null (data binding) is the empty list.
      links = links == null ? List.of() : List.copyOf(links);
      if (!links.isEmpty() && formatVersion < LINKS_FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "links need formatVersion " + LINKS_FORMAT_VERSION + " or later, the manifest says " + formatVersion);
      }
      new LinkListCheck(links); // validates the links against each other
      if (dependencies != null && formatVersion < DEPENDENCIES_FORMAT_VERSION) {
        throw new IllegalArgumentException("dependencies need formatVersion " + DEPENDENCIES_FORMAT_VERSION
            + " or later, the manifest says " + formatVersion);
      }
    }

    /** Whether the release ships its dependencies, so the installer runs no {@code npm ci} (issue #18). */
    @JsonIgnore
    public boolean shipsDependencies() {
      return dependencies != null;
    }

    /**
     * The header of a manifest already checked once (an installed release's): its file list is
     * lexed and skipped, not validated, so a rollback does not pay for 50k entries (issue #7).
     *
     * @throws java.io.IOException malformed JSON ({@link com.fasterxml.jackson.core.JsonProcessingException})
     * @throws IllegalArgumentException a missing or invalid field
     */
    public static Header readSkippingFiles(java.io.InputStream json) throws java.io.IOException {
      return ManifestParser.headerOnly(json);
    }

    /**
     * The header of an installed release's manifest, with each file entry passed to {@code files}
     * in document order and not kept: the installer's check that a release's shipped {@code
     * node_modules/} is all there (issue #18) walks 50k entries without holding them (issue #7).
     */
    public static Header readStreamingFiles(java.io.InputStream json, java.util.function.Consumer<FileEntry> files)
        throws java.io.IOException {
      return ManifestParser.header(json, files);
    }

    public Manifest withFiles(List<FileEntry> files) {
      return new Manifest(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, dependencies, links, files);
    }
  }

  /**
   * A symbolic link the installer creates after {@code npm ci} (issue #16): Turbopack (Next 16)
   * requires the packages it keeps external by a hashed name, {@code
   * .next/node_modules/node-cron-850d997d12dc4759 -> ../../node_modules/node-cron}, and a release
   * without the link fails on the routes that load the package. The tar never holds links: they
   * travel here, and only ones that land in the release's own {@code node_modules/}.
   *
   * @param path where the link is, inside {@code .next/node_modules/}
   * @param target what it points to, relative to its folder, e.g. {@code ../../node_modules/node-cron}
   * @throws IllegalArgumentException (cause code UNSAFE_LINK for the archive reader) when either breaks a rule
   */
  public record Link(String path, String target) {
    public Link {
      LinkRules.check(path, target);
    }

    /** Why {@code path -> target} is no valid link, or empty when it is one (for messages of one's own). */
    public static java.util.Optional<String> problem(String path, String target) {
      return LinkRules.problem(path, target);
    }

    /** The target resolved inside the release, e.g. {@code node_modules/node-cron}. */
    @JsonIgnore
    public String resolved() {
      return LinkRules.resolve(path, target);
    }

    /** The npm package the link points into: {@code node-cron}, or {@code @scope/pkg}. */
    @JsonIgnore
    public String packageName() {
      return LinkRules.packageName(resolved());
    }
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return value;
  }

  /** Sum of all file sizes: the unpacked size the installer allows, nothing more. */
  @JsonIgnore
  public long totalSize() {
    long total = 0;
    for (FileEntry file : files) {
      total = Math.addExact(total, file.size());
    }
    return total;
  }

  public record App(String name, String version) {
    public App {
      ManifestText.name(name);
      ManifestText.version(version);
    }
  }

  /** What the build ran on. {@code nodeAbi} is process.versions.modules: native modules are tied to it. */
  public record BuiltWith(
      String node, String npm, String next, String platform, String arch, String nodeAbi) {
    /**
     * What {@code node --version} prints (v20.11.1, or a pre-release like v23.0.0-nightly): anything
     * else ("vabc") once passed verify and then stopped an install as INTERNAL (issue #20), and up to
     * 9 digits a part keeps {@link #nodeMajor()} within an int.
     */
    private static final java.util.regex.Pattern NODE_VERSION =
        java.util.regex.Pattern.compile("v?\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}([-+][0-9A-Za-z.+-]*)?");

    public BuiltWith {
      requireText(node, "builtWith.node");
      if (!NODE_VERSION.matcher(node).matches()) {
        throw new IllegalArgumentException("builtWith.node is not a Node.js version (like v20.11.1): '" + node + "'");
      }
    }

    /** Major version of {@link #node()}: "v20.11.1" and "20.11.1" both give 20. */
    public int nodeMajor() {
      String version = node.startsWith("v") ? node.substring(1) : node;
      int dot = version.indexOf('.');
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
  }

  /**
   * How production starts the release: an entry file run with {@code node} (what the generated
   * web.config names), or an npm script when there is no web.config.
   */
  public record Start(String webConfig, String entry, String npmScript) {
    public Start {
      requireText(webConfig, "start.webConfig");
      if ((entry == null) == (npmScript == null)) {
        throw new IllegalArgumentException("start needs exactly one of entry and npmScript");
      }
      if (entry != null) {
        ArchivePaths.requireSafe(entry);
      }
    }

    /** The command line, with {@code node} and {@code npm} as given by the host. */
    public List<String> command(String node, String npm) {
      List<String> command = new ArrayList<>();
      if (entry != null) {
        command.add(node);
        command.add(entry);
      } else {
        command.add(npm);
        command.add("run");
        command.add(npmScript);
      }
      return command;
    }
  }

  public record Lockfile(String name, String sha256) {
    public Lockfile {
      if (!"package-lock.json".equals(name) && !"npm-shrinkwrap.json".equals(name)) {
        throw new IllegalArgumentException("lockfile must be package-lock.json or npm-shrinkwrap.json: " + name);
      }
      if (!Sha256.isHex(sha256)) {
        throw new IllegalArgumentException("lockfile.sha256 is not a SHA-256");
      }
    }
  }
}
