package dev.slipway.format.hostile;

import static dev.slipway.format.hostile.TarBuilder.utf8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.FileEntry;
import dev.slipway.format.Json;
import dev.slipway.format.Manifest;
import dev.slipway.format.Sha256;
import dev.slipway.format.hostile.TarBuilder.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One factory per attack on the installer's archive reader (issue #6): each returns a gzip'd tar
 * whose manifest is otherwise correct. Whoever can swap the archive can swap its .sha256 sidecar
 * too, so the sidecar proves nothing here; the reader alone stands between the archive and the
 * server.
 *
 * <p>Tars are written header by header ({@link TarBuilder}) so they can say what commons-compress
 * refuses to write. Bombs are {@link GzipStreams.OnTheFly} streams: gigabytes inflated, generated
 * only as far as the reader reads. Paths that climb out of the staging folder
 * {@code TMP/root/.staging-x} aim at the canaries the test plants: {@code TMP/root/escaped.txt},
 * {@code TMP/escaped.txt}, {@code TMP/root/evil}, {@code TMP/root/x}, {@code TMP/outside/evil.txt}
 * and {@code TMP/passwd}.
 */
public final class HostileArchives {
  /** The innocent file most archives carry next to the attack. */
  static final String A = "a.txt";

  static final String HELLO = "hello";
  static final long GIB = 1024L * 1024 * 1024;

  private HostileArchives() {}

  // ---------------------------------------------------------------- building blocks

  public static Manifest manifest(List<FileEntry> files) {
    return manifest(List.of(), files);
  }

  /** A manifest with links (format version 2 when there are any). */
  public static Manifest manifest(List<Manifest.Link> links, List<FileEntry> files) {
    List<FileEntry> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileEntry::path));
    return new Manifest(
        Manifest.formatVersionFor(links),
        new Manifest.App("demo", "1.0.0"),
        "build-1",
        null,
        new Manifest.BuiltWith("v20.11.1", "10.2.4", "15.0.0", "linux", "x64", "115"),
        ">=20",
        new Manifest.Start("iisnode", "server.js", null),
        new Manifest.Lockfile("package-lock.json", Sha256.of(new byte[0])),
        links,
        sorted);
  }

  static FileEntry entry(String path, byte[] content) {
    return new FileEntry(path, content.length, FileEntry.MODE_FILE, Sha256.of(content));
  }

  /** The manifest's bytes for files given as path, content, path, content... */
  static byte[] manifestJson(String... pathAndContent) {
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0; i < pathAndContent.length; i += 2) {
      files.add(entry(pathAndContent[i], utf8(pathAndContent[i + 1])));
    }
    return Json.prettyBytes(manifest(files));
  }

  /**
   * A manifest edited as a JSON tree, for what the {@link Manifest} record would refuse to hold:
   * an unsafe path, two names that differ only in case, an unknown version.
   */
  static byte[] editedManifestJson(UnaryOperator<ObjectNode> edit, String... pathAndContent) {
    try {
      ObjectNode tree = (ObjectNode) Json.mapper().readTree(manifestJson(pathAndContent));
      return Json.prettyBytes(edit.apply(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a files[] record with a correct size and hash for {@code content}, whatever the path, and
   * keeps the records sorted as the manifest requires (so the path is the only thing wrong).
   */
  static UnaryOperator<ObjectNode> addFileRecord(String path, String content) {
    return tree -> {
      ArrayNode files = (ArrayNode) tree.get("files");
      ObjectNode file = files.addObject();
      file.put("path", path);
      file.put("size", utf8(content).length);
      file.put("mode", FileEntry.MODE_FILE);
      file.put("sha256", Sha256.of(utf8(content)));
      List<ObjectNode> sorted = new ArrayList<>();
      files.forEach(node -> sorted.add((ObjectNode) node));
      sorted.sort(Comparator.comparing(node -> node.get("path").asText()));
      files.removeAll();
      sorted.forEach(files::add);
      return tree;
    };
  }

  /** A tar whose first entry is a correct manifest for the given path, content pairs. */
  static TarBuilder withManifest(String... pathAndContent) {
    return new TarBuilder().file(ArchiveLayout.MANIFEST, manifestJson(pathAndContent));
  }

  static byte[] gz(TarBuilder tar) {
    return GzipStreams.gzip(tar.end().bytes());
  }

  /** The baseline every attack departs from: accepted by the reader. */
  public static byte[] control() {
    return gz(withManifest(A, HELLO, "sub/b.txt", "bee").file(A, HELLO).folder("sub/").file("sub/b.txt", "bee"));
  }

  // ---------------------------------------------------------------- paths

  /** An entry named {@code name} (after a correct a.txt) that the manifest cannot list. */
  static byte[] extraEntryNamed(String name) {
    return gz(withManifest(A, HELLO).file(A, HELLO).file(name, "pwned"));
  }

  public static byte[] parentTraversal() {
    return extraEntryNamed("../escaped.txt");
  }

  public static byte[] doubleParentTraversal() {
    return extraEntryNamed("../../escaped.txt");
  }

  /** Climbs out from inside a folder: sub/../../evil is TMP/root/evil. */
  public static byte[] nestedTraversal() {
    return extraEntryNamed("sub/../../evil");
  }

  public static byte[] absolutePath() {
    return extraEntryNamed("/etc/cron.d/x");
  }

  /** An absolute path at a canary the test can watch. */
  public static byte[] absolutePathTo(Path target) {
    return extraEntryNamed(target.toAbsolutePath().toString());
  }

  public static byte[] windowsParentTraversal() {
    return extraEntryNamed("..\\evil");
  }

  public static byte[] windowsDriveBackslash() {
    return extraEntryNamed("C:\\evil");
  }

  public static byte[] windowsDriveSlash() {
    return extraEntryNamed("C:/evil");
  }

  public static byte[] windowsUncPath() {
    return extraEntryNamed("\\\\server\\share\\evil");
  }

  /** The ustar prefix field joined to the name: "../.." + "/" + "escaped.txt". */
  public static byte[] ustarPrefixTraversal() {
    return gz(withManifest(A, HELLO).file(A, HELLO).entry(new Header("escaped.txt").prefix("../..").size(5), utf8("pwned")));
  }

  /** A path over ArchivePaths.MAX_PATH_LENGTH (1024) characters, spelled with a PAX path record. */
  public static byte[] overlongPathViaPax() {
    String name = overlongName();
    return gz(withManifest(A, HELLO).file(A, HELLO).pax("path", name).file("short.txt", "pwned"));
  }

  /** The same, spelled with a GNU ././@LongLink 'L' entry. */
  public static byte[] overlongPathViaGnu() {
    return gz(withManifest(A, HELLO).file(A, HELLO).gnuLong(TarBuilder.GNU_LONG_NAME, utf8(overlongName())).file("short.txt", "pwned"));
  }

  static String overlongName() {
    return "d/".repeat(600) + "x.txt";
  }

  public static byte[] overlongSegment() {
    return gz(withManifest(A, HELLO).file(A, HELLO).pax("path", "s".repeat(300) + ".txt").file("short.txt", "pwned"));
  }

  public static byte[] dotName() {
    return extraEntryNamed(".");
  }

  public static byte[] dotFolder() {
    return gz(withManifest(A, HELLO).file(A, HELLO).folder("./"));
  }

  /** A header whose name field is empty (all NUL) while the rest of it is a valid header. */
  public static byte[] emptyName() {
    return extraEntryNamed("");
  }

  /** A PAX path record with a NUL in it: C would stop at "a.txt", Java keeps the rest. */
  public static byte[] nulInPaxPath() {
    return gz(withManifest(A, HELLO).file(A, HELLO).pax("path", "b.txt\0../../evil").file("b.txt", "pwned"));
  }

  /** The same with a GNU long name. */
  public static byte[] nulInGnuLongName() {
    return gz(withManifest(A, HELLO).file(A, HELLO).gnuLong(TarBuilder.GNU_LONG_NAME, utf8("b.txt\0../../evil")).file("b.txt", "pwned"));
  }

  /** An ANSI escape in the name: would repaint the operator's terminal if echoed raw. */
  public static byte[] escapeSequenceInName() {
    return extraEntryNamed("a\u001b[2Jb.txt");
  }

  /** A newline in the name: would forge a line of the installer's output if echoed raw. */
  public static byte[] newlineInName() {
    return extraEntryNamed("b.txt\nok: all files verified");
  }

  // ---------------------------------------------------------------- PAX and GNU header tricks

  /** ustar name "safe.txt", PAX path "../x": commons-compress applies the PAX path. */
  public static byte[] paxPathTraversal() {
    return gz(withManifest(A, HELLO, "safe.txt", "pwned").file(A, HELLO).pax("path", "../x").file("safe.txt", "pwned"));
  }

  /** A PAX global header ('g') whose path applies to every later entry. */
  public static byte[] paxGlobalPathTraversal() {
    return gz(withManifest(A, HELLO).file(A, HELLO).paxGlobal("path", "../x").file("safe.txt", "pwned"));
  }

  /**
   * Tar smuggling: ustar says 1024 bytes, PAX size says 5, so the "data" holds a header for
   * ../escaped.txt that a reader honouring PAX sees as the next entry (and one ignoring it does not).
   */
  public static byte[] paxSizeSmuggling() {
    byte[] inner = new TarBuilder().file("../escaped.txt", "pwned").bytes();
    byte[] data = Arrays.copyOf(utf8(HELLO), 512 + inner.length);
    System.arraycopy(inner, 0, data, 512, inner.length);
    return gz(withManifest(A, HELLO).pax("size", "5").entry(new Header(A).size(data.length), data));
  }

  /** PAX size says 4 GiB for a file the manifest (and the ustar header) says is 5 bytes. */
  public static byte[] paxSizeOverride() {
    return gz(withManifest(A, HELLO).pax("size", Long.toString(4 * GIB)).file(A, HELLO));
  }

  /** PAX size "-1": commons-compress refuses to set a negative size. */
  public static byte[] paxNegativeSize() {
    return gz(withManifest(A, HELLO).pax("size", "-1").file(A, HELLO));
  }

  /** A GNU ././@LongLink 'L' entry naming the next entry ../escaped.txt while its ustar name is safe. */
  public static byte[] gnuLongNameTraversal() {
    return gz(withManifest(A, HELLO, "safe.txt", "pwned").file(A, HELLO)
        .gnuLong(TarBuilder.GNU_LONG_NAME, utf8("../escaped.txt")).file("safe.txt", "pwned"));
  }

  /** A GNU 'K' long link name (over 100 characters) climbing out, on a symbolic link. */
  public static byte[] gnuLongLinkTraversal() {
    String target = "../".repeat(40) + "etc/passwd";
    return gz(withManifest(A, HELLO).file(A, HELLO)
        .gnuLong(TarBuilder.GNU_LONG_LINK, utf8(target))
        .entry(new Header("link").type(TarBuilder.SYMLINK).mode(0777).linkName("short"), new byte[0]));
  }

  /** A size field in base-256 saying -1. */
  public static byte[] negativeSize() {
    return gz(withManifest(A, HELLO).entry(new Header(A).base256Size(-1), utf8(HELLO)));
  }

  public static byte[] badHeaderChecksum() {
    return gz(withManifest(A, HELLO).entry(new Header(A).size(5).corruptChecksum(), utf8(HELLO)));
  }

  // ---------------------------------------------------------------- links and special files

  /**
   * A link to a folder inside the tree, then a file written through it. In the manifest's sorted
   * order, as a real archive would be, so that the reader reaches the link (an entry out of order
   * is refused before: {@link #outOfOrder}).
   */
  public static byte[] symlinkInsideThenWriteThrough() {
    return gz(withManifest("link/evil.txt", "pwned", "sub/keep.txt", "keep")
        .symlink("link", "sub").file("link/evil.txt", "pwned").folder("sub/").file("sub/keep.txt", "keep"));
  }

  /** A link climbing out to TMP/outside, then link/evil.txt: TMP/outside/evil.txt if followed. */
  public static byte[] symlinkOutsideThenWriteThrough() {
    return gz(withManifest("link/evil.txt", "pwned").symlink("link", "../../outside").file("link/evil.txt", "pwned"));
  }

  /** The same with an absolute link target. */
  public static byte[] absoluteSymlinkThenWriteThrough(Path outside) {
    return gz(withManifest("link/evil.txt", "pwned")
        .symlink("link", outside.toAbsolutePath().toString()).file("link/evil.txt", "pwned"));
  }

  /** A hard link a.txt to /etc/passwd, then a.txt again, which would write through to /etc/passwd. */
  public static byte[] hardLinkToEtcPasswd() {
    return gz(withManifest(A, "root::0:0::/root:/bin/sh\n").hardLink(A, "/etc/passwd").file(A, "root::0:0::/root:/bin/sh\n"));
  }

  /** The same at a canary the test can watch. */
  public static byte[] hardLinkTo(Path target) {
    return gz(withManifest(A, "pwned").hardLink(A, target.toAbsolutePath().toString()).file(A, "pwned"));
  }

  /** A hard link b.txt to a.txt, inside the tree. */
  public static byte[] hardLinkInside() {
    return gz(withManifest(A, HELLO, "b.txt", "").file(A, HELLO).hardLink("b.txt", A));
  }

  /** A manifest that lists the special entry as an empty file, as an attacker would write it. */
  private static byte[] special(String name, byte type, int major, int minor, int mode) {
    return gz(withManifest(A, HELLO, name, "").file(A, HELLO).entry(new Header(name).type(type).mode(mode).device(major, minor), new byte[0]));
  }

  public static byte[] characterDevice() {
    return special("console", TarBuilder.CHAR_DEVICE, 5, 1, 0600);
  }

  public static byte[] blockDevice() {
    return special("disk", TarBuilder.BLOCK_DEVICE, 8, 0, 0660);
  }

  public static byte[] fifo() {
    return special("pipe", TarBuilder.FIFO, 0, 0, 0644);
  }

  /** A type flag no tar defines ('Z'); GNU tar would extract it as a regular file, with a warning. */
  public static byte[] unknownTypeFlag() {
    return gz(withManifest(A, HELLO, "odd", "").file(A, HELLO).entry(new Header("odd").type((byte) 'Z'), new byte[0]));
  }

  /** A character device the manifest does not list. */
  public static byte[] characterDeviceNotInManifest() {
    return gz(withManifest(A, HELLO).file(A, HELLO).entry(new Header("console").type(TarBuilder.CHAR_DEVICE).device(5, 1), new byte[0]));
  }

  /** The manifest itself as a symbolic link (the first entry). */
  public static byte[] manifestIsASymlink() {
    return gz(new TarBuilder().symlink(ArchiveLayout.MANIFEST, "/etc/passwd").file(A, HELLO));
  }

  private static byte[] withMode(int mode) {
    return gz(withManifest(A, HELLO).entry(new Header(A).mode(mode).size(5), utf8(HELLO)));
  }

  public static byte[] setuid() {
    return withMode(04755);
  }

  public static byte[] setgid() {
    return withMode(02644);
  }

  public static byte[] sticky() {
    return withMode(01644);
  }

  public static byte[] setgidFolder() {
    return gz(withManifest("sub/b.txt", "bee").entry(new Header("sub/").type(TarBuilder.DIRECTORY).mode(02755), new byte[0]).file("sub/b.txt", "bee"));
  }

  // ---------------------------------------------------------------- manifest against entries

  public static byte[] samePathTwice() {
    return gz(withManifest(A, HELLO).file(A, HELLO).file(A, "pwned"));
  }

  /** A second .deploy/manifest.json after the checked one, to replace it in staging. */
  public static byte[] manifestTwice() {
    return gz(withManifest(A, HELLO).file(A, HELLO).file(ArchiveLayout.MANIFEST, manifestJson(A, "pwned")));
  }

  /** A.txt next to a.txt; the manifest lists a.txt only (the Manifest record refuses both). */
  public static byte[] caseCollision() {
    return gz(withManifest(A, HELLO).file(A, HELLO).file("A.txt", "pwned"));
  }

  /** Both A.txt and a.txt in a manifest written by hand. */
  public static byte[] caseCollisionInManifest() {
    byte[] json = editedManifestJson(addFileRecord("A.txt", "pwned"), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file("A.txt", "pwned").file(A, HELLO));
  }

  /**
   * A file "Sub" and a file "sub/b.txt": on a case-insensitive file system (Windows, macOS) the
   * folder sub is the file Sub. The manifest record refuses this, so the JSON is written by hand.
   */
  public static byte[] fileAndFolderDifferOnlyInCase() {
    byte[] json = editedManifestJson(addFileRecord("Sub", "file"), "sub/b.txt", "bee");
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file("Sub", "file").file("sub/b.txt", "bee"));
  }

  /** A manifest that lists the manifest's own path in other case: one file on Windows and macOS. */
  public static byte[] manifestPathInOtherCase() {
    byte[] json = editedManifestJson(addFileRecord(".DEPLOY/manifest.json", "pwned"), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(".DEPLOY/manifest.json", "pwned").file(A, HELLO));
  }

  /** A file named .deploy, where the manifest lives in the folder .deploy. */
  public static byte[] fileNamedLikeTheDeployFolder() {
    byte[] json = editedManifestJson(addFileRecord(".deploy", "pwned"), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(".deploy", "pwned").file(A, HELLO));
  }

  /** A second JSON document after the manifest's object, which another reader might take. */
  public static byte[] secondDocumentAfterTheManifest() {
    byte[] first = manifestJson(A, HELLO);
    byte[] json = concat(first, manifestJson(A, "pwned"));
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  /** A manifest record whose path climbs out, written by hand. */
  public static byte[] manifestPathTraversal() {
    byte[] json = editedManifestJson(addFileRecord("../escaped.txt", "pwned"), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO).file("../escaped.txt", "pwned"));
  }

  public static byte[] manifestAbsolutePath() {
    byte[] json = editedManifestJson(addFileRecord("/etc/cron.d/x", "pwned"), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  /** start.entry, the file node is told to run, climbing out. */
  public static byte[] manifestStartEntryTraversal() {
    byte[] json = editedManifestJson(tree -> {
      ((ObjectNode) tree.get("start")).put("entry", "../../bin/evil.js");
      return tree;
    }, A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  /** builtWith.node that is no version: verify took it and install then failed as INTERNAL (issue #20). */
  public static byte[] manifestNodeNotAVersion() {
    byte[] json = editedManifestJson(tree -> {
      ((ObjectNode) tree.get("builtWith")).put("node", "vabc");
      return tree;
    }, A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  /** Two files whose declared sizes add up past Long.MAX_VALUE. */
  public static byte[] manifestTotalSizeOverflow() {
    byte[] json = editedManifestJson(tree -> {
      for (var file : tree.get("files")) {
        ((ObjectNode) file).put("size", Long.MAX_VALUE / 2 + 1);
      }
      return tree;
    }, A, HELLO, "b.txt", "bee");
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  /** One file the manifest says is Long.MAX_VALUE bytes: the reader's inflate bound overflows. */
  public static byte[] manifestSizeNearLongMax() {
    byte[] json = editedManifestJson(tree -> {
      ((ObjectNode) tree.get("files").get(0)).put("size", Long.MAX_VALUE);
      return tree;
    }, A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  public static byte[] notInManifest() {
    return gz(withManifest(A, HELLO).file(A, HELLO).file("b.txt", "extra"));
  }

  public static byte[] folderNotInManifest() {
    return gz(withManifest(A, HELLO).file(A, HELLO).folder("extra/"));
  }

  /** Both files of the manifest, but b.txt before a.txt. */
  public static byte[] outOfOrder() {
    return gz(withManifest(A, HELLO, "b.txt", "bee").file("b.txt", "bee").file(A, HELLO));
  }

  /** A folder entry after its own content, which the writer never does. */
  public static byte[] folderAfterItsContent() {
    return gz(withManifest("sub/b.txt", "bee").file("sub/b.txt", "bee").folder("sub/"));
  }

  /** A folder entry of the manifest twice in a row. */
  public static byte[] folderTwice() {
    return gz(withManifest("sub/b.txt", "bee").folder("sub/").folder("sub/").file("sub/b.txt", "bee"));
  }

  /** A file entry named like a folder of the manifest. */
  public static byte[] fileWhereTheManifestHasAFolder() {
    return gz(withManifest("sub/b.txt", "bee").file("sub", "pwned").file("sub/b.txt", "bee"));
  }

  public static byte[] missingFile() {
    return gz(withManifest(A, HELLO, "b.txt", "bee").file(A, HELLO));
  }

  /** The header says 6 bytes, the manifest 5. */
  public static byte[] sizeMismatch() {
    return gz(withManifest(A, HELLO).file(A, "hello!"));
  }

  /** Same size, other bytes. */
  public static byte[] hashMismatch() {
    return gz(withManifest(A, HELLO).file(A, "jello"));
  }

  public static byte[] manifestNotFirst() {
    return gz(new TarBuilder().file(A, HELLO).file(ArchiveLayout.MANIFEST, manifestJson(A, HELLO)));
  }

  public static byte[] noManifest() {
    return gz(new TarBuilder().file(A, HELLO));
  }

  /** A valid gzip of a tar with no entry at all. */
  public static byte[] emptyTar() {
    return gz(new TarBuilder());
  }

  public static byte[] unknownFormatVersion() {
    byte[] json = editedManifestJson(tree -> tree.put("formatVersion", 99), A, HELLO);
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO));
  }

  public static byte[] invalidJsonManifest() {
    return gz(new TarBuilder().file(ArchiveLayout.MANIFEST, "{\"formatVersion\": 1, \"files\": [").file(A, HELLO));
  }

  // ---------------------------------------------------------------- not a tar.gz, or cut short

  public static byte[] plainTar() {
    return withManifest(A, HELLO).file(A, HELLO).end().bytes();
  }

  public static byte[] randomBytes() {
    byte[] bytes = new byte[4096];
    new Random(6).nextBytes(bytes);
    bytes[0] = 0x42; // never the gzip magic by chance
    return bytes;
  }

  public static byte[] emptyFile() {
    return new byte[0];
  }

  /** The gzip magic and header, then bytes that are no deflate stream. */
  public static byte[] gzipHeaderThenGarbage() {
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    return concat(header, noise(4096));
  }

  /** Incompressible content, so that a cut in the gzip falls where we aim in the tar. */
  static byte[] noise(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  /** A partial download: the gzip stream cut in the middle of a.txt's 256 KiB of data. */
  public static byte[] truncatedInFileData() {
    byte[] content = noise(256 * 1024);
    TarBuilder tar = new TarBuilder().file(ArchiveLayout.MANIFEST, Json.prettyBytes(manifest(List.of(entry(A, content)))));
    int dataStart = tar.position() + TarBuilder.BLOCK;
    byte[] gz = GzipStreams.gzipStored(tar.file(A, content).end().bytes());
    return cutInside(gz, dataStart + content.length / 2, dataStart, dataStart + content.length);
  }

  /** A tar cut in the middle of a.txt's data, then gzip'd whole (a complete gzip of a short tar). */
  public static byte[] truncatedTarInFileData() {
    byte[] content = noise(256 * 1024);
    TarBuilder tar = new TarBuilder().file(ArchiveLayout.MANIFEST, Json.prettyBytes(manifest(List.of(entry(A, content)))));
    int dataStart = tar.position() + TarBuilder.BLOCK;
    byte[] whole = tar.file(A, content).end().bytes();
    return GzipStreams.gzip(Arrays.copyOf(whole, dataStart + content.length / 2));
  }

  /** A tar cut in the middle of the manifest, then gzip'd whole. */
  public static byte[] truncatedTarInManifest() {
    byte[] json = manifestJson(A, HELLO);
    byte[] whole = new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO).end().bytes();
    return GzipStreams.gzip(Arrays.copyOf(whole, TarBuilder.BLOCK + json.length / 2));
  }

  /**
   * Two gzip members, as the real writer emits: the first holds the tar up to the middle of a.txt's
   * data, the second has a valid gzip header and then no deflate stream.
   */
  public static byte[] corruptGzipInFileData() {
    byte[] content = noise(64 * 1024);
    TarBuilder tar = new TarBuilder().file(ArchiveLayout.MANIFEST, Json.prettyBytes(manifest(List.of(entry(A, content)))));
    int cut = tar.position() + TarBuilder.BLOCK + content.length / 2;
    byte[] whole = tar.file(A, content).end().bytes();
    return concat(GzipStreams.gzip(Arrays.copyOf(whole, cut)), gzipHeaderThenGarbage());
  }

  /** The same, with the first member ending in the middle of the manifest. */
  public static byte[] corruptGzipInManifest() {
    byte[] json = manifestJson(A, HELLO);
    byte[] whole = new TarBuilder().file(ArchiveLayout.MANIFEST, json).file(A, HELLO).end().bytes();
    return concat(GzipStreams.gzip(Arrays.copyOf(whole, TarBuilder.BLOCK + json.length / 2)), gzipHeaderThenGarbage());
  }

  /** A partial download cut in the middle of a manifest of 2,000 files. */
  public static byte[] truncatedInManifest() {
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      files.add(entry(String.format("f/%04d.txt", i), utf8("file " + i)));
    }
    byte[] json = Json.prettyBytes(manifest(files));
    byte[] gz = GzipStreams.gzipStored(new TarBuilder().file(ArchiveLayout.MANIFEST, json).end().bytes());
    return cutInside(gz, TarBuilder.BLOCK + json.length / 2, TarBuilder.BLOCK, TarBuilder.BLOCK + json.length);
  }

  /** A partial download cut in the middle of the header after the manifest. */
  public static byte[] truncatedInHeader() {
    TarBuilder tar = withManifest(A, HELLO);
    int headerStart = tar.position();
    byte[] gz = GzipStreams.gzipStored(tar.file(A, HELLO).end().bytes());
    return cutInside(gz, 10 + 5 + headerStart + 200, headerStart, headerStart + TarBuilder.BLOCK);
  }

  /**
   * The first {@code length} bytes of {@code gz}, checked to inflate to more than {@code from} and
   * less than {@code to} tar bytes: the cut must fall where the case says it does.
   */
  private static byte[] cutInside(byte[] gz, int length, long from, long to) {
    byte[] cut = Arrays.copyOf(gz, length);
    long inflated = GzipStreams.inflatablePrefix(cut);
    if (inflated <= from || inflated >= to) {
      throw new IllegalStateException("the cut inflates to " + inflated + " bytes, not inside (" + from + ", " + to + ")");
    }
    return cut;
  }

  // ---------------------------------------------------------------- compression bombs

  /** A bomb: tar bytes, then {@code count} bytes of {@code fill}, then more tar bytes, gzip'd as read. */
  static GzipStreams.OnTheFly bomb(byte[] before, byte fill, long count, byte[] after) {
    return new GzipStreams.OnTheFly(GzipStreams.concat(List.of(
        GzipStreams.bytes(before), GzipStreams.repeat(fill, count), GzipStreams.bytes(after))));
  }

  /** Zero padding up to the next 512-byte block, then the end-of-archive marker. */
  static byte[] padAndEnd(long dataLength) {
    int rest = (int) (dataLength % TarBuilder.BLOCK);
    return new byte[(rest == 0 ? 0 : TarBuilder.BLOCK - rest) + 2 * TarBuilder.BLOCK];
  }

  /** a.txt is 10 bytes in the manifest; its header says 4 GiB, and 4 GiB of zeros follow. */
  public static GzipStreams.OnTheFly bombFileLargerThanManifest() {
    long size = 4 * GIB;
    byte[] before = new TarBuilder()
        .file(ArchiveLayout.MANIFEST, manifestJson(A, "0123456789"))
        .raw(new Header(A).size(size).toBytes()).bytes();
    return bomb(before, (byte) 0, size, padAndEnd(size));
  }

  /** A 4 GiB file the manifest does not list. */
  public static GzipStreams.OnTheFly bombFileNotInManifest() {
    long size = 4 * GIB;
    byte[] before = withManifest(A, HELLO).file(A, HELLO).raw(new Header("b.bin").size(size).toBytes()).bytes();
    return bomb(before, (byte) 0, size, padAndEnd(size));
  }

  /**
   * A folder entry (.deploy/, which every manifest allows) whose header says 4 GiB of data follow,
   * and 4 GiB of 'a' do, then a.txt.
   */
  public static GzipStreams.OnTheFly bombFolderWithData() {
    long size = 4 * GIB;
    byte[] before = withManifest(A, HELLO)
        .raw(new Header(ArchiveLayout.DEPLOY_DIR + "/").type(TarBuilder.DIRECTORY).mode(0755).size(size).toBytes()).bytes();
    return bomb(before, (byte) 'a', size, concat(new byte[(int) padding(size)], new TarBuilder().file(A, HELLO).end().bytes()));
  }

  /** A PAX header of ~2 GiB (one comment record) before a.txt, after the manifest. */
  public static GzipStreams.OnTheFly bombPaxAfterManifest() {
    return paxBomb(withManifest(A, HELLO), new TarBuilder().file(A, HELLO).end().bytes());
  }

  /** A PAX header of ~2 GiB before the manifest, while the reader's bound is still the manifest's 64 MiB. */
  public static GzipStreams.OnTheFly bombPaxBeforeManifest() {
    return paxBomb(new TarBuilder(), withManifest(A, HELLO).file(A, HELLO).end().bytes());
  }

  /**
   * The manifest declares one big file ({@code declared} bytes, as a large release may), so the
   * reader's inflate bound is that big; a PAX header of nearly that size comes first, which
   * commons-compress reads into memory whole.
   */
  public static GzipStreams.OnTheFly bombPaxWithinALargeDeclaredTotal(long declared) {
    FileEntry big = new FileEntry("big.bin", declared, FileEntry.MODE_FILE, Sha256.of(new byte[0]));
    TarBuilder before = new TarBuilder().file(ArchiveLayout.MANIFEST, Json.prettyBytes(manifest(List.of(big))));
    return paxBomb(before, (int) Math.min(Integer.MAX_VALUE - 64, declared - 64 * 1024), new byte[2 * TarBuilder.BLOCK]);
  }

  private static GzipStreams.OnTheFly paxBomb(TarBuilder before, byte[] after) {
    return paxBomb(before, Integer.MAX_VALUE - 64, after);
  }

  private static GzipStreams.OnTheFly paxBomb(TarBuilder before, int valueLength, byte[] after) {
    String key = "comment";
    int body = 1 + key.length() + 1 + valueLength + 1;
    int recordLength = body + Integer.toString(body).length();
    byte[] prefix = utf8(recordLength + " " + key + "=");
    long size = (long) prefix.length + valueLength + 1;
    byte[] head = before.raw(new Header("PaxHeaders/a.txt").type(TarBuilder.PAX).size(size).toBytes()).raw(prefix).bytes();
    byte[] tail = concat(new byte[] {'\n'}, new byte[(int) padding(size)], after);
    return bomb(head, (byte) 'a', valueLength, tail);
  }

  /** A GNU long name ('L') of 4 GiB after the manifest. */
  public static GzipStreams.OnTheFly bombGnuLongName() {
    long size = 4 * GIB;
    byte[] head = withManifest(A, HELLO)
        .raw(new Header("././@LongLink").type(TarBuilder.GNU_LONG_NAME).gnu().size(size).toBytes()).bytes();
    return bomb(head, (byte) 'a', size, concat(new byte[(int) padding(size)], new TarBuilder().file(A, HELLO).end().bytes()));
  }

  /** A GNU long name of 4 GiB before the manifest, while the bound is still the manifest's 64 MiB. */
  public static GzipStreams.OnTheFly bombGnuLongNameBeforeManifest() {
    long size = 4 * GIB;
    byte[] head = new TarBuilder()
        .raw(new Header("././@LongLink").type(TarBuilder.GNU_LONG_NAME).gnu().size(size).toBytes()).bytes();
    return bomb(head, (byte) 'a', size, concat(new byte[(int) padding(size)], withManifest(A, HELLO).file(A, HELLO).end().bytes()));
  }

  /** As {@link #bombPaxWithinALargeDeclaredTotal}, with a GNU long name of nearly the declared size. */
  public static GzipStreams.OnTheFly bombGnuLongNameWithinALargeDeclaredTotal(long declared) {
    FileEntry big = new FileEntry("big.bin", declared, FileEntry.MODE_FILE, Sha256.of(new byte[0]));
    long size = declared - 64 * 1024;
    byte[] head = new TarBuilder().file(ArchiveLayout.MANIFEST, Json.prettyBytes(manifest(List.of(big))))
        .raw(new Header("././@LongLink").type(TarBuilder.GNU_LONG_NAME).gnu().size(size).toBytes()).bytes();
    return bomb(head, (byte) 'a', size, concat(new byte[(int) padding(size)], new byte[2 * TarBuilder.BLOCK]));
  }

  /** The manifest entry itself says it is 4 GiB. */
  public static GzipStreams.OnTheFly bombManifest() {
    long size = 4 * GIB;
    byte[] open = utf8("{\"formatVersion\":1,");
    byte[] head = new TarBuilder().raw(new Header(ArchiveLayout.MANIFEST).size(size).toBytes()).raw(open).bytes();
    return bomb(head, (byte) ' ', size - open.length - 1, concat(utf8("}"), padAndEnd(size)));
  }

  /** Not a refusal: a valid archive followed by 4 GiB of zeros after its end-of-archive marker. */
  public static GzipStreams.OnTheFly trailingZerosAfterEnd() {
    byte[] archive = withManifest(A, HELLO).file(A, HELLO).end().bytes();
    return bomb(archive, (byte) 0, 4 * GIB, new byte[0]);
  }

  private static long padding(long length) {
    int rest = (int) (length % TarBuilder.BLOCK);
    return rest == 0 ? 0 : TarBuilder.BLOCK - rest;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
