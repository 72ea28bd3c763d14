package dev.slipway.format.hostile;

import static dev.slipway.format.hostile.HostileArchives.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.ArchivePaths;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.Sha256;
import dev.slipway.format.SlipwayException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile archive of {@link HostileArchives} against {@link SafeArchiveReader#extract}
 * (issue #6). For each: refused with kind INTEGRITY and the expected cause code, a message that
 * names the offending entry (escaped, so no hostile byte reaches the terminal), and nothing written
 * outside the staging folder {@code TMP/root/.staging-x}: canaries planted wherever an escape would
 * land are unchanged, and the tree under TMP outside staging is the same file for file before and
 * after. Bombs must be refused after reading a bounded part of their gigabytes.
 *
 * <p>A case the reader gets wrong is written as it should pass and marked {@code @Disabled("BUG:
 * ...")}, with a row in docs/RELIABILITY.md; none is today.
 */
public class HostileArchiveReaderTest {
  private static final String MANIFEST = ArchiveLayout.MANIFEST;

  /** What a bomb may inflate past the reader's own bound: gzip's read-ahead (8 KiB at up to 1032:1) and the deflater's. */
  private static final long SLACK = 32L * 1024 * 1024;
  /** The reader's bound after the manifest is the manifest's total plus a few KiB per entry. */
  private static final long AFTER_MANIFEST = SLACK;
  /** Before the manifest is read, its own cap (64 MiB) plus 64 KiB is the bound. */
  private static final long BEFORE_MANIFEST = ArchiveLayout.MAX_MANIFEST_BYTES + 64 * 1024L + SLACK;

  /** Where an escaping write would land, each holding known text the test checks afterwards. */
  private static final List<String> CANARIES =
      List.of("escaped.txt", "root/escaped.txt", "root/evil", "root/x", "outside/evil.txt", "passwd");

  @TempDir Path tmp;
  private Path staging;

  /**
   * One hostile archive and what the reader must say about it.
   *
   * @param code the cause code expected
   * @param entry the entry the message must quote ({@code entry '...'}, escaped by ArchivePaths.printable),
   *     or null where there is none; {tmp} stands for the test's temporary folder
   * @param mentions more text the message must contain ("" for none)
   * @param maxInflated for bombs: how many inflated bytes the reader may pull; -1 otherwise
   */
  public record Case(String name, String code, String entry, String mentions, Source archive, long maxInflated) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  public interface Source {
    InputStream open(Path tmp) throws IOException;
  }

  private static Case refused(String name, String code, String entry, String mentions, HostileBytes archive) {
    return new Case(name, code, entry, mentions, tmp -> new ByteArrayInputStream(archive.bytes(tmp)), -1);
  }

  private static Case bomb(String name, String code, String entry, String mentions, Source archive, long maxInflated) {
    return new Case(name, code, entry, mentions, archive, maxInflated);
  }

  @FunctionalInterface
  interface HostileBytes {
    byte[] bytes(Path tmp) throws IOException;
  }

  public static Stream<Case> cases() {
    return Stream.concat(Stream.concat(archiveCases(), linkCases()), textCases());
  }

  /**
   * Manifest fields every command prints, holding what a terminal acts on (issue #20): refused
   * with their own cause code, the value quoted escaped (the check below finds no control
   * character in the message).
   */
  static Stream<Case> textCases() {
    String code = "UNSAFE_MANIFEST_TEXT";
    return Stream.of(
        refused("oscTitleInAppName", code, null, "app.name 'demo\\x1b]0;pwned\\x07'",
            t -> HostileTextArchives.withApp(HostileTextArchives.OSC_TITLE, "1.0.0")),
        refused("oscClipboardInAppName", code, null, "app.name 'demo\\x1b]52;c;",
            t -> HostileTextArchives.withApp(HostileTextArchives.OSC_CLIPBOARD, "1.0.0")),
        refused("clearScreenInAppName", code, null, "app.name '\\x1b[2Jdemo'",
            t -> HostileTextArchives.withApp(HostileTextArchives.CLEAR_SCREEN, "1.0.0")),
        refused("forgedLineInVersion", code, null, "app.version '1.0.0\\x0aok: forged line'",
            t -> HostileTextArchives.withApp("demo", HostileTextArchives.FORGED_LINE)),
        refused("bidiOverrideInBuildId", code, null, "buildId 'build\\u202e1-dliub'",
            t -> HostileTextArchives.withBuildId(HostileTextArchives.BIDI)));
  }

  /**
   * The manifest's links (format version 2, issue #16): each refused before any file is written,
   * so the installer never gets to create one. The message names the link and its target.
   */
  static Stream<Case> linkCases() {
    String linked = "link '" + HostileLinkArchives.LINKED + "' -> ";
    return Stream.of(
        refused("linkEscapesNodeModules", "UNSAFE_LINK", null, linked + "'../../.next/server': target resolves to '.next/server', outside",
            t -> HostileLinkArchives.linkEscapesNodeModules()),
        refused("linkWithAbsoluteTarget", "UNSAFE_LINK", null, linked + "'/etc': target: absolute path",
            t -> HostileLinkArchives.absoluteTarget()),
        refused("linkToAFolderOutsideTheRelease", "UNSAFE_LINK", null, linked + "'../../../outside': target leaves the release",
            t -> HostileLinkArchives.linkToAFolderOutsideTheRelease()),
        refused("linkWithDotDotAfterAName", "UNSAFE_LINK", null, "only leading '../' segments",
            t -> HostileLinkArchives.dotDotAfterAName()),
        refused("chainOfLinks", "LINK_CONFLICT", null, "lies inside link '" + HostileLinkArchives.LINKED + "' (a chain of links)",
            t -> HostileLinkArchives.chainOfLinks()),
        refused("linkToALink", "UNSAFE_LINK", null, "target resolves to '.next/node_modules/a-1', outside",
            t -> HostileLinkArchives.linkToALink()),
        refused("linkOverAFile", "LINK_CONFLICT", null, "also lists the file '" + HostileLinkArchives.LINKED + "' at its path",
            t -> HostileLinkArchives.linkOverAFile()),
        refused("linkOverAFolder", "LINK_CONFLICT", null, "also lists the file '" + HostileLinkArchives.LINKED + "/index.js' below",
            t -> HostileLinkArchives.linkOverAFolder()),
        refused("linkOutsideTheLinkFolder", "UNSAFE_LINK", null, "link 'server.js' -> 'node_modules/evil/index.js': a link must be inside",
            t -> HostileLinkArchives.linkOutsideTheLinkFolder()),
        refused("sameLinkTwice", "LINK_CONFLICT", null, "listed twice", t -> HostileLinkArchives.sameLinkTwice()),
        refused("linksInAVersion1Manifest", "BAD_MANIFEST", MANIFEST, "links need formatVersion 2",
            t -> HostileLinkArchives.linksInVersion1()),
        refused("linksAfterTheFiles", "BAD_MANIFEST", MANIFEST, "links must come before files",
            t -> HostileLinkArchives.linksAfterFiles()));
  }

  static Stream<Case> archiveCases() {
    return Stream.of(
        // paths
        refused("parentTraversal", "UNSAFE_PATH", "../escaped.txt", "'..' segment", t -> HostileArchives.parentTraversal()),
        refused("doubleParentTraversal", "UNSAFE_PATH", "../../escaped.txt", "'..' segment", t -> HostileArchives.doubleParentTraversal()),
        refused("nestedTraversal", "UNSAFE_PATH", "sub/../../evil", "'..' segment", t -> HostileArchives.nestedTraversal()),
        refused("absolutePath", "UNSAFE_PATH", "/etc/cron.d/x", "absolute path", t -> HostileArchives.absolutePath()),
        refused("absolutePathToCanary", "UNSAFE_PATH", "{tmp}/root/evil", "absolute path",
            t -> HostileArchives.absolutePathTo(t.resolve("root/evil"))),
        refused("windowsParentTraversal", "UNSAFE_PATH", "..\\evil", "backslash", t -> HostileArchives.windowsParentTraversal()),
        refused("windowsDriveBackslash", "UNSAFE_PATH", "C:\\evil", "backslash", t -> HostileArchives.windowsDriveBackslash()),
        refused("windowsDriveSlash", "UNSAFE_PATH", "C:/evil", "drive-letter", t -> HostileArchives.windowsDriveSlash()),
        refused("windowsUncPath", "UNSAFE_PATH", "\\\\server\\share\\evil", "backslash", t -> HostileArchives.windowsUncPath()),
        refused("ustarPrefixTraversal", "UNSAFE_PATH", "../../escaped.txt", "'..' segment", t -> HostileArchives.ustarPrefixTraversal()),
        refused("overlongPathViaPax", "UNSAFE_PATH", HostileArchives.overlongName(), "longer than 1024",
            t -> HostileArchives.overlongPathViaPax()),
        refused("overlongPathViaGnuLongName", "UNSAFE_PATH", HostileArchives.overlongName(), "longer than 1024",
            t -> HostileArchives.overlongPathViaGnu()),
        refused("overlongSegment", "UNSAFE_PATH", "s".repeat(300) + ".txt", "longer than 255", t -> HostileArchives.overlongSegment()),
        refused("dotName", "UNSAFE_PATH", ".", "'.' segment", t -> HostileArchives.dotName()),
        refused("dotFolder", "UNSAFE_PATH", "./", "'.' segment", t -> HostileArchives.dotFolder()),
        refused("emptyName", "UNSAFE_PATH", "", "empty path", t -> HostileArchives.emptyName()),
        refused("nulInPaxPath", "UNSAFE_PATH", "b.txt\0../../evil", "control character", t -> HostileArchives.nulInPaxPath()),
        refused("nulInGnuLongName", "UNSAFE_PATH", "b.txt\0../../evil", "control character", t -> HostileArchives.nulInGnuLongName()),
        refused("escapeSequenceInName", "UNSAFE_PATH", "a\u001b[2Jb.txt", "control character", t -> HostileArchives.escapeSequenceInName()),
        refused("newlineInName", "UNSAFE_PATH", "b.txt\nok: all files verified", "control character", t -> HostileArchives.newlineInName()),

        // PAX and GNU header tricks
        refused("paxPathTraversal", "UNSAFE_PATH", "../x", "'..' segment", t -> HostileArchives.paxPathTraversal()),
        refused("paxGlobalPathTraversal", "UNSAFE_PATH", "../x", "'..' segment", t -> HostileArchives.paxGlobalPathTraversal()),
        refused("paxSizeSmuggling", "UNSAFE_PATH", "../escaped.txt", "'..' segment", t -> HostileArchives.paxSizeSmuggling()),
        refused("paxSizeOverride", "SIZE_MISMATCH", "a.txt", "is " + 4 * GIB + " bytes, the manifest says 5",
            t -> HostileArchives.paxSizeOverride()),
        refused("paxNegativeSize", "CORRUPT_TAR", null, "not a readable tar.gz", t -> HostileArchives.paxNegativeSize()),
        refused("gnuLongNameTraversal", "UNSAFE_PATH", "../escaped.txt", "'..' segment", t -> HostileArchives.gnuLongNameTraversal()),
        refused("gnuLongLinkTraversal", "UNSUPPORTED_ENTRY_TYPE", "link", "symbolic link (to '../../", t -> HostileArchives.gnuLongLinkTraversal()),
        refused("negativeSizeBase256", "CORRUPT_TAR", null, "not a readable tar.gz", t -> HostileArchives.negativeSize()),

        // links, devices, mode bits
        refused("symlinkInsideThenWriteThrough", "UNSUPPORTED_ENTRY_TYPE", "link", "symbolic link (to 'sub')",
            t -> HostileArchives.symlinkInsideThenWriteThrough()),
        refused("symlinkOutsideThenWriteThrough", "UNSUPPORTED_ENTRY_TYPE", "link", "symbolic link (to '../../outside')",
            t -> HostileArchives.symlinkOutsideThenWriteThrough()),
        refused("absoluteSymlinkThenWriteThrough", "UNSUPPORTED_ENTRY_TYPE", "link", "symbolic link (to '{tmp}/outside')",
            t -> HostileArchives.absoluteSymlinkThenWriteThrough(t.resolve("outside"))),
        refused("hardLinkToEtcPasswd", "UNSUPPORTED_ENTRY_TYPE", "a.txt", "hard link (to '/etc/passwd')",
            t -> HostileArchives.hardLinkToEtcPasswd()),
        refused("hardLinkToCanary", "UNSUPPORTED_ENTRY_TYPE", "a.txt", "hard link (to '{tmp}/passwd')",
            t -> HostileArchives.hardLinkTo(t.resolve("passwd"))),
        refused("hardLinkInside", "UNSUPPORTED_ENTRY_TYPE", "b.txt", "hard link (to 'a.txt')", t -> HostileArchives.hardLinkInside()),
        refused("setuid", "SPECIAL_MODE_BITS", "a.txt", "mode 4755", t -> HostileArchives.setuid()),
        refused("setgid", "SPECIAL_MODE_BITS", "a.txt", "mode 2644", t -> HostileArchives.setgid()),
        refused("sticky", "SPECIAL_MODE_BITS", "a.txt", "mode 1644", t -> HostileArchives.sticky()),
        refused("setgidFolder", "SPECIAL_MODE_BITS", "sub/", "mode 2755", t -> HostileArchives.setgidFolder()),

        // the manifest against the entries
        refused("samePathTwice", "DUPLICATE_ENTRY", "a.txt", "appears twice", t -> HostileArchives.samePathTwice()),
        refused("caseCollision", "CASE_COLLISION", "A.txt", "differs only in case", t -> HostileArchives.caseCollision()),
        refused("caseCollisionInManifest", "BAD_MANIFEST", MANIFEST, "'a.txt' twice when case is ignored",
            t -> HostileArchives.caseCollisionInManifest()),
        refused("manifestPathInOtherCase", "BAD_MANIFEST", MANIFEST, "'.DEPLOY/manifest.json' twice when case is ignored",
            t -> HostileArchives.manifestPathInOtherCase()),
        refused("fileNamedLikeTheDeployFolder", "BAD_MANIFEST", MANIFEST, "'.deploy' as a file and as a folder",
            t -> HostileArchives.fileNamedLikeTheDeployFolder()),
        refused("secondDocumentAfterTheManifest", "BAD_MANIFEST", MANIFEST, "more after its JSON object",
            t -> HostileArchives.secondDocumentAfterTheManifest()),
        refused("manifestPathTraversal", "BAD_MANIFEST", MANIFEST, "unsafe archive path '../escaped.txt'",
            t -> HostileArchives.manifestPathTraversal()),
        refused("manifestAbsolutePath", "BAD_MANIFEST", MANIFEST, "unsafe archive path '/etc/cron.d/x'",
            t -> HostileArchives.manifestAbsolutePath()),
        refused("manifestNodeNotAVersion", "BAD_MANIFEST", MANIFEST, "builtWith.node is not a Node.js version",
            t -> HostileArchives.manifestNodeNotAVersion()),
        refused("manifestStartEntryTraversal", "BAD_MANIFEST", MANIFEST, "unsafe archive path '../../bin/evil.js'",
            t -> HostileArchives.manifestStartEntryTraversal()),
        refused("notInManifest", "NOT_IN_MANIFEST", "b.txt", "not listed in the manifest", t -> HostileArchives.notInManifest()),
        refused("folderNotInManifest", "NOT_IN_MANIFEST", "extra/", "folder holds no file", t -> HostileArchives.folderNotInManifest()),
        refused("missingFile", "MISSING_FILE", "b.txt", "not in the archive", t -> HostileArchives.missingFile()),
        // the reader walks the manifest's list in step with the entries (issue #7), so order matters
        refused("outOfOrder", "MISSING_FILE", "a.txt", "entries must come in the manifest's order",
            t -> HostileArchives.outOfOrder()),
        refused("folderAfterItsContent", "OUT_OF_ORDER", "sub/", "comes after 'sub/b.txt'",
            t -> HostileArchives.folderAfterItsContent()),
        refused("folderTwice", "DUPLICATE_ENTRY", "sub/", "appears twice", t -> HostileArchives.folderTwice()),
        refused("fileWhereTheManifestHasAFolder", "NOT_IN_MANIFEST", "sub", "not listed in the manifest",
            t -> HostileArchives.fileWhereTheManifestHasAFolder()),
        refused("sizeMismatch", "SIZE_MISMATCH", "a.txt", "is 6 bytes, the manifest says 5", t -> HostileArchives.sizeMismatch()),
        refused("hashMismatch", "HASH_MISMATCH", "a.txt", "the manifest says " + Sha256.of("hello".getBytes(StandardCharsets.UTF_8)),
            t -> HostileArchives.hashMismatch()),
        refused("manifestNotFirst", "MISSING_MANIFEST", "a.txt", "must come first", t -> HostileArchives.manifestNotFirst()),
        refused("noManifest", "MISSING_MANIFEST", "a.txt", "must come first", t -> HostileArchives.noManifest()),
        refused("emptyTar", "MISSING_MANIFEST", null, "it is empty", t -> HostileArchives.emptyTar()),
        refused("unknownFormatVersion", "UNKNOWN_FORMAT_VERSION", null, "version 99 is not supported",
            t -> HostileArchives.unknownFormatVersion()),
        refused("invalidJsonManifest", "BAD_MANIFEST", MANIFEST, "not valid JSON", t -> HostileArchives.invalidJsonManifest()),

        // not a tar.gz, or cut short
        refused("plainTar", "NOT_GZIP", null, "not a gzip file", t -> HostileArchives.plainTar()),
        refused("randomBytes", "NOT_GZIP", null, "not a gzip file", t -> HostileArchives.randomBytes()),
        refused("emptyFile", "NOT_GZIP", null, "not a gzip file", t -> HostileArchives.emptyFile()),
        refused("gzipHeaderThenGarbage", "CORRUPT_TAR", null, "not a readable tar.gz", t -> HostileArchives.gzipHeaderThenGarbage()),
        refused("truncatedInFileData", "TRUNCATED", "a.txt", "ends inside this file", t -> HostileArchives.truncatedInFileData()),
        refused("truncatedInManifest", "TRUNCATED", MANIFEST, "ends inside the manifest", t -> HostileArchives.truncatedInManifest()),
        refused("truncatedInHeader", "TRUNCATED", null, "ends in the middle of an entry", t -> HostileArchives.truncatedInHeader()),

        // compression bombs: gigabytes inflated, generated only as far as the reader reads
        bomb("bombFileLargerThanManifest", "SIZE_MISMATCH", "a.txt", "is " + 4 * GIB + " bytes, the manifest says 10",
            t -> HostileArchives.bombFileLargerThanManifest(), AFTER_MANIFEST),
        bomb("bombFileNotInManifest", "NOT_IN_MANIFEST", "b.bin", "not listed in the manifest",
            t -> HostileArchives.bombFileNotInManifest(), AFTER_MANIFEST),
        // commons-compress never skips a folder's data: the bytes after a folder header are read as the next header
        bomb("bombFolderWithData", "CORRUPT_TAR", null, "not a readable tar.gz",
            t -> HostileArchives.bombFolderWithData(), AFTER_MANIFEST),
        bomb("bombPaxHeaderAfterManifest", "ARCHIVE_TOO_LARGE", null, "more than its manifest declares",
            t -> HostileArchives.bombPaxAfterManifest(), AFTER_MANIFEST),
        bomb("bombPaxHeaderBeforeManifest", "ARCHIVE_TOO_LARGE", null, "more than its manifest declares",
            t -> HostileArchives.bombPaxBeforeManifest(), BEFORE_MANIFEST),
        bomb("bombGnuLongName", "ARCHIVE_TOO_LARGE", null, "more than its manifest declares",
            t -> HostileArchives.bombGnuLongName(), AFTER_MANIFEST),
        bomb("bombManifest", "BAD_MANIFEST", MANIFEST, "is larger than " + ArchiveLayout.MAX_MANIFEST_BYTES,
            t -> HostileArchives.bombManifest(), SLACK));
  }

  @BeforeEach
  void plantCanaries() throws IOException {
    staging = Files.createDirectories(tmp.resolve("root/.staging-x"));
    for (String canary : CANARIES) {
      Path path = tmp.resolve(canary);
      Files.createDirectories(path.getParent());
      Files.writeString(path, canaryText(canary));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithoutWritingOutsideStaging(Case hostile) throws Exception {
    check(hostile);
  }

  /** {@code installer verify}'s reader: the same refusal for every case, and nothing written at all. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedTheSameWayByTheCheckThatWritesNothing(Case hostile) throws Exception {
    check(hostile, archive -> SafeArchiveReader.check(archive, SafeArchiveReader.Progress.NONE));
    try (Stream<Path> inStaging = Files.list(staging)) {
      assertThat(inStaging).as("what the check wrote").isEmpty();
    }
  }

  @Test
  void theControlArchiveIsAccepted() throws Exception {
    // The fixtures' baseline: proves the refusals above come from the attack, not a broken builder.
    var result = SafeArchiveReader.extract(
        new ByteArrayInputStream(HostileArchives.control()), staging, SafeArchiveReader.Progress.NONE);

    assertThat(result.fileCount()).isEqualTo(2);
    assertThat(staging.resolve("a.txt")).hasContent("hello");
    assertThat(staging.resolve("sub/b.txt")).hasContent("bee");
  }

  @Test
  void anArchiveWithAGoodLinkIsAcceptedAndTheLinkIsOnlyInTheManifest() throws Exception {
    var result = SafeArchiveReader.extract(
        new ByteArrayInputStream(HostileLinkArchives.control()), staging, SafeArchiveReader.Progress.NONE);

    assertThat(result.manifest().formatVersion()).isEqualTo(2);
    assertThat(result.manifest().links()).extracting(link -> link.path() + " -> " + link.resolved())
        .containsExactly(HostileLinkArchives.LINKED + " -> node_modules/node-cron");
    assertThat(staging.resolve(HostileLinkArchives.LINKED)).as("the installer creates it, not the reader").doesNotExist();
    assertOnlyFilesAndFolders(staging);
  }

  @Test
  void zerosAfterTheEndOfArchiveMarkerAreNeverRead() throws Exception {
    // Not a refusal: tar ends at its zero blocks, and the reader stops there, whatever follows.
    GzipStreams.OnTheFly archive = HostileArchives.trailingZerosAfterEnd();
    long allocated = allocatedBytes();

    var result = SafeArchiveReader.extract(archive, staging, SafeArchiveReader.Progress.NONE);

    assertThat(result.fileCount()).isEqualTo(1);
    assertThat(staging.resolve("a.txt")).hasContent("hello");
    System.out.printf("trailing zeros: pulled %,d inflated bytes, allocated %,d bytes%n",
        archive.sourceBytesRead(), allocatedBytes() - allocated);
    assertThat(archive.sourceBytesRead()).as("inflated bytes pulled from a 4 GiB tail").isLessThan(AFTER_MANIFEST);
    assertThat(allocatedBytes() - allocated).as("bytes allocated while reading").isLessThan(GIB);
  }

  // ---------------------------------------------------------------- entry types, damage, manifest edge cases

  @Test
  void characterDevice() throws Exception {
    check(refused("characterDevice", "UNSUPPORTED_ENTRY_TYPE", "console", "device node", t -> HostileArchives.characterDevice()));
  }

  @Test
  void blockDevice() throws Exception {
    check(refused("blockDevice", "UNSUPPORTED_ENTRY_TYPE", "disk", "device node", t -> HostileArchives.blockDevice()));
  }

  @Test
  void fifo() throws Exception {
    check(refused("fifo", "UNSUPPORTED_ENTRY_TYPE", "pipe", "FIFO", t -> HostileArchives.fifo()));
  }

  @Test
  void unknownTypeFlag() throws Exception {
    check(refused("unknownTypeFlag", "UNSUPPORTED_ENTRY_TYPE", "odd", "unsupported type 'Z'", t -> HostileArchives.unknownTypeFlag()));
  }

  @Test
  void characterDeviceNotInManifest() throws Exception {
    check(refused("characterDeviceNotInManifest", "UNSUPPORTED_ENTRY_TYPE", "console", "device node",
        t -> HostileArchives.characterDeviceNotInManifest()));
  }

  @Test
  void truncatedTarInFileData() throws Exception {
    check(refused("truncatedTarInFileData", "TRUNCATED", "a.txt", "", t -> HostileArchives.truncatedTarInFileData()));
  }

  @Test
  void truncatedTarInManifest() throws Exception {
    check(refused("truncatedTarInManifest", "TRUNCATED", MANIFEST, "", t -> HostileArchives.truncatedTarInManifest()));
  }

  @Test
  void corruptGzipInFileData() throws Exception {
    check(refused("corruptGzipInFileData", "CORRUPT_TAR", "a.txt", "", t -> HostileArchives.corruptGzipInFileData()));
  }

  @Test
  void corruptGzipInManifest() throws Exception {
    check(refused("corruptGzipInManifest", "CORRUPT_TAR", MANIFEST, "", t -> HostileArchives.corruptGzipInManifest()));
  }

  @Test
  void badHeaderChecksum() throws Exception {
    check(refused("badHeaderChecksum", "CORRUPT_TAR", "a.txt", "checksum", t -> HostileArchives.badHeaderChecksum()));
  }

  @Test
  void manifestTwice() throws Exception {
    check(refused("manifestTwice", "DUPLICATE_ENTRY", MANIFEST, "appears twice", t -> HostileArchives.manifestTwice()));
  }

  @Test
  void manifestIsASymlink() throws Exception {
    check(refused("manifestIsASymlink", "UNSUPPORTED_ENTRY_TYPE", MANIFEST, "symbolic link", t -> HostileArchives.manifestIsASymlink()));
  }

  @Test
  void manifestTotalSizeOverflow() throws Exception {
    check(refused("manifestTotalSizeOverflow", "BAD_MANIFEST", MANIFEST, "", t -> HostileArchives.manifestTotalSizeOverflow()));
  }

  @Test
  void manifestSizeNearLongMax() throws Exception {
    check(refused("manifestSizeNearLongMax", "BAD_MANIFEST", MANIFEST, "", t -> HostileArchives.manifestSizeNearLongMax()));
  }

  @Test
  void fileAndFolderDifferOnlyInCase() throws Exception {
    check(refused("fileAndFolderDifferOnlyInCase", "BAD_MANIFEST", MANIFEST, "", t -> HostileArchives.fileAndFolderDifferOnlyInCase()));
  }

  private static String canaryText(String canary) {
    return "canary " + canary + "\n";
  }

  @FunctionalInterface
  private interface Reader {
    void read(InputStream archive) throws Exception;
  }

  private void check(Case hostile) throws Exception {
    check(hostile, archive -> SafeArchiveReader.extract(archive, staging, SafeArchiveReader.Progress.NONE));
  }

  /** Runs one case: the refusal, its message, and the file system outside staging. */
  private void check(Case hostile, Reader reader) throws Exception {
    Map<String, String> before = treeOutsideStaging();
    String etcPasswd = Sha256.of(Paths.get("/etc/passwd"));
    boolean cronExisted = Files.exists(Paths.get("/etc/cron.d/x"), LinkOption.NOFOLLOW_LINKS);
    InputStream archive = hostile.archive().open(tmp);
    long allocated = allocatedBytes();

    Throwable thrown = catchThrowable(() -> reader.read(archive));

    long allocatedByReader = allocatedBytes() - allocated;

    // First the promise that matters most: nothing outside staging changed, whatever was thrown.
    assertThat(treeOutsideStaging()).as("the tree under TMP outside staging").isEqualTo(before);
    for (String canary : CANARIES) {
      assertThat(Files.readString(tmp.resolve(canary))).as(canary).isEqualTo(canaryText(canary));
    }
    assertThat(Sha256.of(Paths.get("/etc/passwd"))).isEqualTo(etcPasswd);
    assertThat(Files.exists(Paths.get("/etc/cron.d/x"), LinkOption.NOFOLLOW_LINKS)).isEqualTo(cronExisted);
    assertOnlyFilesAndFolders(staging);
    if (archive instanceof GzipStreams.OnTheFly bomb) {
      System.out.printf("%s: pulled %,d inflated bytes, allocated %,d bytes while reading%n",
          hostile, bomb.sourceBytesRead(), allocatedByReader);
      assertThat(bomb.sourceBytesRead()).as("inflated bytes pulled from the bomb").isLessThanOrEqualTo(hostile.maxInflated());
      // A reader that buffered an entry would allocate its gigabytes; this one allocates buffers.
      assertThat(allocatedByReader).as("bytes allocated while reading the bomb").isLessThan(GIB);
    }

    // Then the refusal itself: kind, cause code, and a message naming the entry, escaped.
    assertThat(thrown).as("%s must be refused", hostile).isInstanceOf(SlipwayException.class);
    SlipwayException refusal = (SlipwayException) thrown;
    String message = refusal.getMessage();
    assertThat(refusal.kind()).as(message).isEqualTo(FailureKind.INTEGRITY);
    assertThat(refusal.causeCode()).as(message).isEqualTo(hostile.code());
    assertThat(message).startsWith("archive refused: ");
    if (hostile.entry() != null) {
      String entry = hostile.entry().replace("{tmp}", tmp.toString());
      assertThat(message).contains("entry '" + ArchivePaths.printable(entry) + "'");
    }
    assertThat(message).contains(hostile.mentions().replace("{tmp}", tmp.toString()));
    assertThat(message.chars().filter(c -> c < 0x20 || c == 0x7f))
        .as("control characters in %s", message).isEmpty();
    assertThat(refusal.fix()).isNotBlank();
  }

  /** Every path under TMP except the staging folder, with what it is and holds. */
  private Map<String, String> treeOutsideStaging() throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(tmp)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.startsWith(staging)) {
          continue;
        }
        String what;
        if (Files.isSymbolicLink(path)) {
          what = "link to " + Files.readSymbolicLink(path);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          what = "folder";
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          what = "file " + Sha256.of(path) + " links=" + Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } else {
          what = "special";
        }
        tree.put(tmp.relativize(path).toString(), what);
      }
    }
    return tree;
  }

  /** The reader may leave partial output in staging, but never a link, device or FIFO. */
  private static void assertOnlyFilesAndFolders(Path staging) throws IOException {
    try (Stream<Path> paths = Files.walk(staging)) {
      paths.forEach(path -> assertThat(
              Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .as("%s is a plain file or folder", path)
          .isTrue());
    }
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
