package dev.slipway.format;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The manifest's {@code dependencies} (format version 3, issue #18): present only when the archive
 * carries its production dependencies, so the installer runs no {@code npm ci} and needs no
 * registry. Native addons tie such a release to the build's platform: with {@link
 * Manifest.BuiltWith}'s {@code platform}, {@code arch} and {@code nodeAbi}, {@code libc} is what the
 * installer compares with the host before it unpacks anything.
 *
 * @param source {@link #STANDALONE} (Next's {@code output: 'standalone'} tree, with the
 *     {@code node_modules/} its traces list) or {@link #BUNDLED} ({@code packager package
 *     --bundle-deps}: the result of {@code npm ci --omit=dev} on the build machine)
 * @param libc the build's C library on Linux, {@code glibc} or {@code musl}; {@code none}
 *     elsewhere. Addons built against one do not load under the other.
 * @param nativeAddons every {@code *.node} file in the archive, sorted: an archive without any
 *     runs on any host with the same Node major, and the installer's refusal names them
 */
public record ShippedDependencies(String source, String libc, List<String> nativeAddons) {
  public static final String STANDALONE = "standalone";
  public static final String BUNDLED = "bundled";
  private static final List<String> SOURCES = List.of(STANDALONE, BUNDLED);
  private static final List<String> LIBCS = List.of("glibc", "musl", "none");

  public ShippedDependencies {
    if (source == null || !SOURCES.contains(source)) {
      throw new IllegalArgumentException("dependencies.source must be one of " + SOURCES + ": " + quoted(source));
    }
    if (libc == null || !LIBCS.contains(libc)) {
      throw new IllegalArgumentException("dependencies.libc must be one of " + LIBCS + ": " + quoted(libc));
    }
    // Absent (data binding) is none.
    nativeAddons = nativeAddons == null ? List.of() : List.copyOf(nativeAddons);
    String previous = null;
    for (String addon : nativeAddons) {
      Optional<String> unsafe = ArchivePaths.problem(Objects.requireNonNull(addon, "dependencies.nativeAddons holds a null"));
      if (unsafe.isPresent()) {
        throw new IllegalArgumentException("dependencies.nativeAddons: " + unsafe.get());
      }
      if (!addon.endsWith(".node")) {
        throw new IllegalArgumentException("dependencies.nativeAddons names a file that is no addon (*.node): '"
            + ArchivePaths.printable(addon) + "'");
      }
      if (previous != null && previous.compareTo(addon) >= 0) {
        throw new IllegalArgumentException("dependencies.nativeAddons must be sorted and unique: '"
            + ArchivePaths.printable(addon) + "' after '" + ArchivePaths.printable(previous) + "'");
      }
      previous = addon;
    }
  }

  /** Whether anything in the release is tied to the build's platform beyond its Node major. */
  public boolean hasNativeAddons() {
    return !nativeAddons.isEmpty();
  }

  private static String quoted(String value) {
    return value == null ? "missing" : "'" + TerminalText.escape(value) + "'";
  }
}
