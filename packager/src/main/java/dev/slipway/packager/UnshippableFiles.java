package dev.slipway.packager;

import dev.slipway.format.ArchivePaths;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.packager.analysis.SecretContent;
import dev.slipway.packager.analysis.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * What no archive may hold, for {@link ProjectFiles}: a secret, by its name or by its first bytes
 * (issue #2; unless {@code --allow-secret-file} names it), a name that is unsafe to unpack, and on
 * an archive for IIS a name Windows refuses.
 */
final class UnshippableFiles {
  private final Set<String> allowedSecretFiles;
  /** Whether the archive is for a Windows host (IIS), which refuses names Linux holds. */
  private final boolean forWindows;

  UnshippableFiles(Set<String> allowedSecretFiles, boolean forWindows) {
    this.allowedSecretFiles = allowedSecretFiles;
    this.forWindows = forWindows;
  }

  /** A file the project put there by hand whose first bytes hold a credential (see {@link ProjectFiles#check}). */
  void refuseSecretContent(String name, ArchiveSource source, byte[] head) throws IOException {
    if (name.startsWith(".next/") || isDependency(name) || source instanceof ArchiveSource.FromBytes
        || allowedSecretFiles.contains(name)) {
      return;
    }
    int length;
    try (InputStream in = source.open()) {
      length = in.readNBytes(head, 0, head.length);
    }
    Optional<String> marker = SecretContent.marker(head, length);
    if (marker.isPresent()) {
      throw secretFile(name, "its first bytes hold " + marker.get());
    }
  }

  /** A secret-looking file (unless allowed) or a name no archive can hold. */
  void refuseUnshippable(String name) {
    Optional<String> secret = isDependency(name) ? Optional.empty() : SecretFiles.why(name);
    if (secret.isPresent() && !allowedSecretFiles.contains(name)) {
      throw secretFile(name, secret.get());
    }
    ArchivePaths.problem(name)
        .ifPresent(
            why -> {
              throw new SlipwayException(
                  FailureKind.PROJECT, "UNSAFE_FILE_NAME", "cannot package '" + ArchivePaths.printable(name) + "': " + why,
                  null, "rename the file");
            });
    if (forWindows) {
      ArchivePaths.windowsProblem(name).ifPresent(why -> {
        throw new SlipwayException(
            FailureKind.PROJECT, "WINDOWS_FILE_NAME", "cannot package '" + name + "' for IIS: " + why,
            null, "rename the file (or the page that produced it); an archive for a Linux host (--web-config none) may hold it");
      });
    }
  }

  /**
   * A file of the shipped dependencies (a standalone build's traced {@code node_modules/}, or
   * {@code --bundle-deps}; issue #18): what the lockfile installed from the registry, not what
   * the project put there by hand, so it is not judged as a secret (packages carry test keys and
   * docs that mention tokens; refusing them would leave no way to ship the dependencies). Their
   * names are still checked like any other.
   */
  private static boolean isDependency(String name) {
    return name.startsWith("node_modules/");
  }

  /** The evidence names the file and the kind of secret, never the secret itself. */
  private static SlipwayException secretFile(String name, String why) {
    return new SlipwayException(
        FailureKind.SECRET_FILE,
        "SECRET_FILE",
        ArchivePaths.printable(name) + " looks like a secret and secrets never enter an archive"
            + (name.startsWith("public/") ? " (files in public/ are also served to anyone who asks)" : ""),
        ArchivePaths.printable(name) + ": " + why,
        "keep secrets on the server (ROOT/shared/.env.production); if this file is not secret, pass --allow-secret-file "
            + ArchivePaths.printable(name));
  }
}
