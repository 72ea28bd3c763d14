package dev.slipway.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code .deploy/manifest.json}: the first entry of every archive. It names the app and the build,
 * records what the build ran on (so the installer can refuse a drifted host), how the release is
 * started, and every other file with its size, mode and SHA-256 (so the installer can check each
 * file as it unpacks it). See docs/FORMAT.md.
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
    List<FileEntry> files) {

  /** The only format version this code reads and writes. */
  public static final int FORMAT_VERSION = 1;
  /** 4 TiB in all: keeps every size sum far from overflow. */
  public static final long MAX_TOTAL_SIZE = 1L << 42;

  public Manifest {
    new Header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile); // validates them
    Objects.requireNonNull(files, "files");
    files = List.copyOf(files);
    FileListCheck check = new FileListCheck();
    files.forEach(check);
  }

  /** Everything but the file list. */
  public Header header() {
    return new Header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile);
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
      Lockfile lockfile) {
    public Header {
      if (formatVersion < 1) {
        throw new IllegalArgumentException("formatVersion must be at least 1, was " + formatVersion);
      }
      Objects.requireNonNull(app, "app");
      requireText(buildId, "buildId");
      Objects.requireNonNull(builtWith, "builtWith");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(lockfile, "lockfile");
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

    public Manifest withFiles(List<FileEntry> files) {
      return new Manifest(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, files);
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
      requireText(name, "app.name");
      requireText(version, "app.version");
    }
  }

  /** What the build ran on. {@code nodeAbi} is process.versions.modules: native modules are tied to it. */
  public record BuiltWith(
      String node, String npm, String next, String platform, String arch, String nodeAbi) {
    public BuiltWith {
      requireText(node, "builtWith.node");
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
