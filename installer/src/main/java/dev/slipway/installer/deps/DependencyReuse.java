package dev.slipway.installer.deps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.installer.preflight.NodeRuntime;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;

/**
 * Skips {@code npm ci} when nothing it would produce can differ (issue #7): a previous release
 * installed from the same lockfile bytes, under the same Node ABI, platform and architecture, by
 * a lockfile with no install scripts (their output may depend on the release's path or on the
 * moment they ran). Its node_modules is then hard-linked (copied where links are impossible) into
 * the new release: never one folder shared by two releases. Whenever in doubt, npm ci runs.
 */
final class DependencyReuse {
  /** Why reuse is (not) possible, as printed. */
  record Decision(Optional<Path> source, String reason) {}

  /** A plain streaming parser: no tree, so no size limit is needed for memory to stay bounded. */
  private static final JsonFactory STREAMING = new JsonFactory();

  private DependencyReuse() {}

  static Decision decide(InstallInfo wanted, Optional<String> candidateId, Path candidate) {
    if (candidateId.isEmpty()) {
      return new Decision(Optional.empty(), "no earlier release to reuse dependencies from");
    }
    if (wanted.installScripts()) {
      return new Decision(Optional.empty(), "the lockfile has packages with install scripts, whose output may depend on the release");
    }
    Optional<InstallInfo> previous = InstallInfo.read(candidate);
    if (previous.isEmpty()) {
      return new Decision(Optional.empty(), candidateId.get() + " has no install record");
    }
    InstallInfo had = previous.get();
    if (had.shipped()) {
      // A standalone tree holds only the files Next's traces name: linked into a release that
      // npm ci would fill, it would miss packages (issue #18). A bundled one was built elsewhere.
      return new Decision(Optional.empty(), candidateId.get() + "'s node_modules came with its archive");
    }
    if (!had.lockfileSha256().equals(wanted.lockfileSha256())) {
      return new Decision(Optional.empty(), "the lockfile changed since " + candidateId.get());
    }
    if (!had.dependenciesSha256().equals(wanted.dependenciesSha256())) {
      return new Decision(Optional.empty(), "package.json's dependencies changed since " + candidateId.get());
    }
    if (!had.nodeAbi().equals(wanted.nodeAbi())) {
      return new Decision(Optional.empty(), "Node ABI " + wanted.nodeAbi() + " differs from " + had.nodeAbi() + " of " + candidateId.get());
    }
    if (!had.platform().equals(wanted.platform()) || !had.arch().equals(wanted.arch())) {
      return new Decision(Optional.empty(), "platform " + wanted.platform() + "-" + wanted.arch() + " differs from " + candidateId.get());
    }
    if (!Files.isDirectory(candidate.resolve("node_modules"), LinkOption.NOFOLLOW_LINKS)) {
      return new Decision(Optional.empty(), candidateId.get() + " has no node_modules");
    }
    return new Decision(Optional.of(candidate), "same lockfile, Node ABI " + wanted.nodeAbi() + " and "
        + wanted.platform() + "-" + wanted.arch() + " as " + candidateId.get());
  }

  static InstallInfo wanted(String lockfileSha256, Path lockfile, Path packageJson, NodeRuntime node) throws IOException {
    return wanted(lockfileSha256, packageJson, node, hasInstallScripts(lockfile));
  }

  static InstallInfo wanted(String lockfileSha256, Path packageJson, NodeRuntime node, boolean installScripts) throws IOException {
    return new InstallInfo(lockfileSha256, dependenciesSha256(packageJson), node.version(), node.modulesAbi(), node.platform(), node.arch(),
        installScripts, "npm ci");
  }

  /** SHA-256 of package.json's fields that decide what npm ci installs (not its version or scripts). */
  static String dependenciesSha256(Path packageJson) throws IOException {
    JsonNode pkg = Json.mapper().readTree(packageJson.toFile());
    com.fasterxml.jackson.databind.node.ObjectNode fields = Json.mapper().createObjectNode();
    for (String field : java.util.List.of(
        "dependencies", "devDependencies", "optionalDependencies", "peerDependencies", "overrides",
        "bundleDependencies", "bundledDependencies", "workspaces")) {
      if (pkg.has(field)) {
        fields.set(field, pkg.get(field));
      }
    }
    return dev.slipway.format.Sha256.of(Json.line(fields).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * npm records {@code hasInstallScript} per package in lockfile v2/v3. Without it we cannot tell:
   * assume yes. Read as a stream, entry by entry, so memory does not grow with the lockfile (issue
   * #20: a tree of 1.5M keys ran the installer's 256 MiB heap out); one npm ci cannot read is
   * "yes" too, and npm ci then names what is wrong with it.
   */
  static boolean hasInstallScripts(Path lockfile) throws IOException {
    try (JsonParser parser = STREAMING.createParser(lockfile.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return true;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean packages = "packages".equals(parser.currentName());
        if (parser.nextToken() == JsonToken.START_OBJECT && packages) {
          return anyProductionInstallScript(parser);
        }
        parser.skipChildren();
      }
      return true; // no packages map (lockfile v1)
    } catch (JsonProcessingException e) {
      return true;
    }
  }

  /** Reads the {@code packages} map the parser is at the start of. */
  private static boolean anyProductionInstallScript(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean root = parser.currentName().isEmpty();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      boolean script = false;
      boolean dev = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("hasInstallScript".equals(field)) {
          script = value == JsonToken.VALUE_TRUE;
        } else if ("dev".equals(field)) {
          dev = value == JsonToken.VALUE_TRUE;
        } else {
          parser.skipChildren();
        }
      }
      if (!root && script && !dev) {
        return true;
      }
    }
    return false;
  }

  /** Hard-links every file of {@code from} into {@code to}; symbolic links (node_modules/.bin) are recreated as they are. */
  static long linkTree(Path from, Path to) throws IOException {
    long[] files = {0};
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(file).toString());
        if (attrs.isSymbolicLink()) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(file));
        } else {
          try {
            Files.createLink(target, file);
          } catch (UnsupportedOperationException | IOException e) {
            Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
        files[0]++;
        return FileVisitResult.CONTINUE;
      }
    });
    return files[0];
  }
}
