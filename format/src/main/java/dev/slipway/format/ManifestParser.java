package dev.slipway.format;

import static dev.slipway.format.JsonTokens.expect;
import static dev.slipway.format.JsonTokens.intValue;
import static dev.slipway.format.JsonTokens.longValue;
import static dev.slipway.format.JsonTokens.names;
import static dev.slipway.format.JsonTokens.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code .deploy/manifest.json} and {@code .deploy/env.json} with Jackson's streaming parser
 * rather than data binding (issue #7): building an ObjectMapper and binding the first records cost
 * a cold installer about half a second before it could check the first entry, and binding needs the
 * whole file list in memory, whereas {@link #header} hands out one entry at a time.
 *
 * <p>The records' constructors still validate every value, exactly as when they are bound. Unknown
 * fields are skipped (additions within a format version); a field given twice is refused, because
 * another JSON reader might take the other one.
 *
 * <p>Malformed JSON surfaces as Jackson's {@link com.fasterxml.jackson.core.JsonProcessingException};
 * a value of the wrong type or an invalid record as {@link IllegalArgumentException}.
 */
final class ManifestParser {
  private ManifestParser() {}

  /** The whole manifest, file list included. */
  static Manifest manifest(byte[] json) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    Manifest.Header header = header(json, files::add);
    return header.withFiles(files);
  }

  /**
   * The header fields; every file entry, validated, goes to {@code files} in document order and is
   * not kept here.
   */
  static Manifest.Header header(byte[] json, Consumer<FileEntry> files) throws IOException {
    try (JsonParser parser = Json.factory().createParser(json)) {
      return header(parser, files);
    }
  }

  /**
   * The header fields of the manifest streamed from {@code json}, which is not closed; every file
   * entry, validated, goes to {@code files} in document order and is not kept here.
   *
   * @throws UnsupportedVersion as soon as {@code formatVersion} (the first field the packager
   *     writes) names another version, before a field of a newer format is read
   */
  static Manifest.Header header(InputStream json, Consumer<FileEntry> files) throws IOException {
    try (JsonParser parser = Json.factory().createParser(json)) {
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      return header(parser, files);
    }
  }

  /** A manifest of a format version this code does not read (newer than {@link Manifest#NEWEST_FORMAT_VERSION}). */
  static final class UnsupportedVersion extends IllegalArgumentException {
    final int version;

    UnsupportedVersion(int version) {
      super("manifest format version " + version + " is not supported");
      this.version = version;
    }
  }

  /**
   * The header fields of the manifest in {@code json}; the file list is only lexed and skipped
   * (for a release already checked when it was installed: a rollback needs its header only).
   */
  static Manifest.Header headerOnly(InputStream json) throws IOException {
    try (JsonParser parser = Json.factory().createParser(json)) {
      return header(parser, null);
    }
  }

  private static Manifest.Header header(JsonParser parser, Consumer<FileEntry> files) throws IOException {
    expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the manifest");
    Integer formatVersion = null;
    Manifest.App app = null;
    String buildId = null;
    String buildTime = null;
    Manifest.BuiltWith builtWith = null;
    String enginesNode = null;
    Manifest.Start start = null;
    Manifest.Lockfile lockfile = null;
    List<Manifest.Link> links = null;
    ShippedDependencies dependencies = null;
    boolean sawFiles = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "formatVersion" -> {
          formatVersion = intValue(parser, value, field);
          if (formatVersion < Manifest.FORMAT_VERSION || formatVersion > Manifest.NEWEST_FORMAT_VERSION) {
            throw new UnsupportedVersion(formatVersion);
          }
        }
        case "links" -> links = links(parser, value, formatVersion, sawFiles);
        case "dependencies" -> dependencies = dependencies(parser, value);
        case "app" -> app = app(parser, value);
        case "buildId" -> buildId = text(parser, value, field);
        case "buildTime" -> buildTime = text(parser, value, field);
        case "builtWith" -> builtWith = builtWith(parser, value);
        case "enginesNode" -> enginesNode = text(parser, value, field);
        case "start" -> start = start(parser, value);
        case "lockfile" -> lockfile = lockfile(parser, value);
        case "files" -> {
          sawFiles = true;
          if (files == null) {
            expect(parser, value, JsonToken.START_ARRAY, "files");
            parser.skipChildren();
          } else {
            forEachIn(parser, value, withLinkCheck(links, files));
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (!sawFiles) {
      throw new IllegalArgumentException("files is missing");
    }
    if (formatVersion == null) {
      throw new IllegalArgumentException("formatVersion is missing");
    }
    // Another reader might read a second document after the first (review).
    if (parser.nextToken() != null) {
      throw new IllegalArgumentException("the manifest holds more after its JSON object");
    }
    return new Manifest.Header(formatVersion, app, buildId, buildTime, builtWith, enginesNode, start, lockfile, dependencies, links);
  }

  /** {@code dependencies} (format version 3, issue #18); the header checks the version. */
  private static ShippedDependencies dependencies(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, value, JsonToken.START_OBJECT, "dependencies");
    String source = null;
    String libc = null;
    List<String> addons = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "source" -> source = text(parser, token, "dependencies.source");
        case "libc" -> libc = text(parser, token, "dependencies.libc");
        case "nativeAddons" -> addons = names(parser, token, "dependencies.nativeAddons");
        default -> parser.skipChildren();
      }
    }
    return new ShippedDependencies(source, libc, addons);
  }

  /**
   * The links (format version 2, issue #16), checked together. They must come before {@code files},
   * as the packager writes them, so each file is checked against them as it streams by.
   */
  private static List<Manifest.Link> links(JsonParser parser, JsonToken value, Integer formatVersion, boolean sawFiles)
      throws IOException {
    if (formatVersion != null && formatVersion < Manifest.LINKS_FORMAT_VERSION) {
      throw new IllegalArgumentException("links need formatVersion " + Manifest.LINKS_FORMAT_VERSION
          + " or later, the manifest says " + formatVersion);
    }
    if (sawFiles) {
      throw new IllegalArgumentException("links must come before files");
    }
    expect(parser, value, JsonToken.START_ARRAY, "links");
    List<Manifest.Link> links = new ArrayList<>();
    for (JsonToken element; (element = parser.nextToken()) != JsonToken.END_ARRAY; ) {
      JsonTokens.TextFields link = JsonTokens.TextFields.read(parser, element, "a links entry");
      if (link == null) {
        throw new IllegalArgumentException("links holds a null");
      }
      links.add(new Manifest.Link(link.get("path"), link.get("target")));
    }
    new LinkListCheck(links);
    return links;
  }

  private static Consumer<FileEntry> withLinkCheck(List<Manifest.Link> links, Consumer<FileEntry> files) {
    if (links == null || links.isEmpty()) {
      return files;
    }
    LinkListCheck check = new LinkListCheck(links);
    return file -> {
      check.acceptFile(file.path());
      files.accept(file);
    };
  }

  static EnvManifest envManifest(byte[] json) throws IOException {
    try (JsonParser parser = Json.factory().createParser(json)) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the env manifest");
      List<String> required = null;
      List<String> optional = null;
      List<String> inlined = null;
      List<String> undeclared = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "required" -> required = names(parser, value, field);
          case "optional" -> optional = names(parser, value, field);
          case "inlinedAtBuild" -> inlined = names(parser, value, field);
          case "referencedUndeclared" -> undeclared = names(parser, value, field);
          default -> parser.skipChildren();
        }
      }
      return new EnvManifest(required, optional, inlined, undeclared);
    }
  }

  private static void forEachIn(JsonParser parser, JsonToken value, Consumer<FileEntry> files) throws IOException {
    expect(parser, value, JsonToken.START_ARRAY, "files");
    for (JsonToken element; (element = parser.nextToken()) != JsonToken.END_ARRAY; ) {
      files.accept(file(parser, element));
    }
  }

  private static FileEntry file(JsonParser parser, JsonToken value) throws IOException {
    expect(parser, value, JsonToken.START_OBJECT, "a files entry");
    String path = null;
    Long size = null;
    Integer mode = null;
    String sha256 = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "path" -> path = text(parser, token, field);
        case "size" -> size = longValue(parser, token, field);
        case "mode" -> mode = intValue(parser, token, field);
        case "sha256" -> sha256 = text(parser, token, field);
        default -> parser.skipChildren();
      }
    }
    if (size == null || mode == null) {
      // Only here: quoting every path made a cold parse of 10k entries noticeably slower (issue #7).
      String what = path == null ? "a files entry" : "'" + ArchivePaths.printable(path) + "'";
      throw new IllegalArgumentException((size == null ? "size" : "mode") + " of " + what + " is missing");
    }
    return new FileEntry(path, size, mode, sha256);
  }

  private static Manifest.App app(JsonParser parser, JsonToken value) throws IOException {
    JsonTokens.TextFields app = JsonTokens.TextFields.read(parser, value, "app");
    return app == null ? null : new Manifest.App(app.get("name"), app.get("version"));
  }

  private static Manifest.BuiltWith builtWith(JsonParser parser, JsonToken value) throws IOException {
    JsonTokens.TextFields with = JsonTokens.TextFields.read(parser, value, "builtWith");
    return with == null
        ? null
        : new Manifest.BuiltWith(
            with.get("node"), with.get("npm"), with.get("next"), with.get("platform"), with.get("arch"), with.get("nodeAbi"));
  }

  private static Manifest.Start start(JsonParser parser, JsonToken value) throws IOException {
    JsonTokens.TextFields start = JsonTokens.TextFields.read(parser, value, "start");
    return start == null ? null : new Manifest.Start(start.get("webConfig"), start.get("entry"), start.get("npmScript"));
  }

  private static Manifest.Lockfile lockfile(JsonParser parser, JsonToken value) throws IOException {
    JsonTokens.TextFields lockfile = JsonTokens.TextFields.read(parser, value, "lockfile");
    return lockfile == null ? null : new Manifest.Lockfile(lockfile.get("name"), lockfile.get("sha256"));
  }
}
