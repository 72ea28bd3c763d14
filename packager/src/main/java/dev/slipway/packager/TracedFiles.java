package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.NftTrace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files the server reads at run time that no other rule ships (issue #16, item 3): a blog's
 * {@code app/blog/posts/*.mdx}, a {@code content/posts.json} read with {@code fs}. {@code next build}
 * traces them into {@code .next/**}{@code /*.nft.json} (what {@code output: 'standalone'} copies);
 * every traced file inside the project, outside {@code node_modules} (npm ci installs those) and
 * outside {@code .next} (shipped as the build) is shipped as an ordinary file. Secret-looking ones
 * are refused as any file is ({@link ProjectFiles}).
 */
final class TracedFiles {
  /** How many traced paths outside the project a warning names. */
  private static final int NAMED_OUTSIDE = 3;

  private final Path projectDir;
  /** Traced project files by name, each with the trace that listed it first (the evidence). */
  private final SortedMap<String, String> traced = new TreeMap<>();
  private final List<String> outside = new ArrayList<>();
  private int outsideCount;

  private TracedFiles(Path projectDir) {
    this.projectDir = projectDir;
  }

  /** Reads every trace of the build; refuses a traced file that is missing or a link, or a trace that cannot be read. */
  static TracedFiles read(Path projectDir) throws IOException {
    TracedFiles found = new TracedFiles(projectDir);
    Path next = projectDir.resolve(".next");
    if (Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
      Files.walkFileTree(next, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return NextBuildLeftovers.excluded(found.name(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          if (attributes.isRegularFile() && file.getFileName().toString().endsWith(NftTrace.SUFFIX)) {
            found.readTrace(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    return found;
  }

  /** Adds the traced files nothing else ships; returns the warnings (traced files outside the project). */
  List<String> addTo(ProjectFiles files) throws IOException {
    for (String name : traced.keySet()) {
      if (!files.contains(name)) {
        files.addFile(name);
      }
    }
    if (outsideCount == 0) {
      return List.of();
    }
    return List.of("the build traced " + outsideCount + " file(s) outside the project that the server may read, which"
        + " are not packaged: " + String.join(", ", outside) + (outsideCount > outside.size() ? ", ..." : "")
        + "; copy them into the project (or package the app from the folder that holds them) if production needs them");
  }

  private void readTrace(Path trace) throws IOException {
    String traceName = name(trace);
    Path folder = trace.getParent();
    try {
      NftTrace.readFiles(trace, listed -> classify(traceName, folder.resolve(listed).normalize()));
    } catch (IOException e) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "TRACE_UNREADABLE",
          "the build's trace " + traceName + " cannot be read (" + e.getMessage() + "): the build is incomplete",
          null, "run next build again (or pass --build)");
    }
  }

  private void classify(String traceName, Path file) {
    if (!file.startsWith(projectDir)) {
      if (!inDependencies(file.toString().replace('\\', '/')) && outsideCount++ < NAMED_OUTSIDE) {
        outside.add(name(file)); // relative to the project: ../packages/ui/dist/index.js
      }
      return;
    }
    String name = name(file);
    if (name.isEmpty() || inDependencies(name) || name.equals(".next") || name.startsWith(".next/")
        || traced.containsKey(name)) {
      return;
    }
    if (Files.isSymbolicLink(file)) {
      throw new SlipwayException(
          FailureKind.PROJECT, "SYMLINK_IN_CONTENT", name + " (traced by " + traceName + ") is a symbolic link;"
              + " archives hold only regular files",
          null, "replace the link with the file it points to, or remove it");
    }
    if (!Files.exists(file)) {
      throw new SlipwayException(
          FailureKind.BUILD_MISSING, "TRACED_FILE_MISSING",
          name + " is missing, but the build traced it as a file the server reads at run time: the build is stale",
          "listed in " + traceName, "run next build again (or pass --build), or restore " + name);
    }
    if (Files.isRegularFile(file)) {
      traced.put(name, traceName);
    }
  }

  /** Dependencies are installed on the server by npm ci, never shipped. */
  private static boolean inDependencies(String path) {
    return path.startsWith("node_modules/") || path.contains("/node_modules/");
  }

  private String name(Path path) {
    return projectDir.relativize(path).toString().replace('\\', '/');
  }
}
