package dev.slipway.installer.env;

import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The env file a release's values come from, and how to name it to the operator: {@code
 * --env-file}, else {@code ROOT/shared/.env.production} when it exists, else (rollback only) the
 * {@code .env.production} the target release was installed with (issue #17: each release keeps
 * the one it went live with, so a root without a shared file can still roll back).
 *
 * @param file the file read; empty when there is none
 * @param origin where it was found
 * @param sharedFile {@code ROOT/shared/.env.production}, where a missing name belongs
 */
public record EnvSource(Optional<Path> file, Origin origin, Path sharedFile) {
  /** Where the env file was found. */
  public enum Origin {
    /** {@code --env-file}. */
    GIVEN,
    /** {@code ROOT/shared/.env.production}. */
    SHARED,
    /** The target release's own {@code .env.production} (rollback). */
    RELEASE,
    /** None: only the installer's environment. */
    NONE
  }

  public EnvSource {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(sharedFile, "sharedFile");
    if (file.isEmpty() != (origin == Origin.NONE)) {
      throw new IllegalArgumentException("a file exactly when the origin is not NONE: " + origin + " " + file);
    }
  }

  static EnvSource none(ReleaseRoot root) {
    return new EnvSource(Optional.empty(), Origin.NONE, root.defaultEnvFile());
  }

  /** The names set in the file (values are never kept). */
  public EnvFile read() throws IOException {
    return file.isPresent() ? EnvFile.read(file.get()) : EnvFile.empty();
  }

  /** How the file is named in a step line or a refusal: {@code /srv/app/shared/.env.production}. */
  public String describe() {
    return switch (origin) {
      case GIVEN, SHARED -> file.get().toString();
      case RELEASE -> file.get() + " (the release's own copy, kept from its install)";
      case NONE -> sharedFile + ", which does not exist";
    };
  }

  /** A sentence saying where the missing names go: the file the next run reads. */
  public String fixFor(List<String> missing) {
    String lines = missing.stream().map(name -> name + "=...").collect(Collectors.joining(", "));
    String each = missing.size() == 1 ? "" : " (one NAME=value line each)";
    return switch (origin) {
      case GIVEN, SHARED -> "add " + lines + " to " + file.get() + each
          + ", or set " + (missing.size() == 1 ? "it" : "them") + " in the installer's environment, then run again";
      // The release's own copy is replaced at the next install: the shared file is where values live.
      case RELEASE, NONE -> "add " + lines + " to " + sharedFile + each + " (the file does not exist yet; create it with"
          + " mode 0600) or pass --env-file FILE, then run again";
    };
  }
}
