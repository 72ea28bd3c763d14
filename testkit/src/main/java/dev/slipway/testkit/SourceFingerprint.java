package dev.slipway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The cache key of a built example: SHA-256 over its source files and the Node.js version.
 *
 * <p>Anything that changes what {@code npm ci && next build} would produce must change the key,
 * so every source file counts (relative path and content, in sorted order so the walk order of
 * the file system does not matter) and so does {@code node -v}. Build outputs and installed
 * packages ({@link #GENERATED}) do not count: a developer who ran {@code npm install} in the
 * example folder must not invalidate the cache, and they are never copied as sources either.
 */
final class SourceFingerprint {
  /**
   * Names that are produced by npm, Next.js or tsc, never authored; skipped at any depth. A
   * TypeScript app's build writes next-env.d.ts and tsconfig.tsbuildinfo next to its sources.
   */
  static final Set<String> GENERATED =
      Set.of("node_modules", ".next", "dist", "next-env.d.ts", "tsconfig.tsbuildinfo");

  private SourceFingerprint() {}

  /** True if {@code relative} is, or lies under, a generated directory. */
  static boolean isGenerated(Path relative) {
    for (Path segment : relative) {
      if (GENERATED.contains(segment.toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Source files (and symbolic links) of {@code dir} as relative paths with '/' separators,
   * sorted. Generated directories are pruned, not walked: {@code node_modules} alone holds
   * thousands of files.
   */
  static List<String> sourceFiles(Path dir) {
    List<String> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return isGenerated(dir.relativize(d))
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              Path rel = dir.relativize(file);
              if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !isGenerated(rel)) {
                files.add(rel.toString().replace('\\', '/'));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("listing sources of " + dir, e);
    }
    Collections.sort(files);
    return files;
  }

  /** Hex SHA-256 of the sources of {@code dir} and {@code nodeVersion}. */
  static String of(Path dir, String nodeVersion) {
    MessageDigest sha = sha256();
    for (String rel : sourceFiles(dir)) {
      Path file = dir.resolve(rel);
      byte[] content;
      try {
        // A link counts by its target text (that is what gets copied), not what it points to.
        content =
            Files.isSymbolicLink(file)
                ? ("link:" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8)
                : Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Length-prefixed fields, so that moving bytes between a name and a content (or between
      // two files) cannot produce the same stream of digest input.
      field(sha, rel.getBytes(StandardCharsets.UTF_8));
      field(sha, content);
    }
    field(sha, ("node " + nodeVersion.strip()).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void field(MessageDigest sha, byte[] bytes) {
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
