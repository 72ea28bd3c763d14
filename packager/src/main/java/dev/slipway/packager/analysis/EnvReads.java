package dev.slipway.packager.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names the built server code reads, by who reads them (issue #17). Names that only
 * dependencies read ({@code DEBUG} in the {@code debug} package, {@code NEXT_DEBUG_BUILD} in
 * Next.js) are not the app's configuration, and warning about them buried the real ones.
 *
 * @param byApp names read by the app's own modules, as the chunk's source map says
 * @param unattributed names read, by no module the maps name as the app's, in code no map covers
 * @param byDependenciesOnly names read only in node_modules code, as the maps say
 */
public record EnvReads(SortedSet<String> byApp, SortedSet<String> unattributed, SortedSet<String> byDependenciesOnly) {
  public EnvReads {
    byApp = Collections.unmodifiableSortedSet(new TreeSet<>(byApp));
    unattributed = Collections.unmodifiableSortedSet(new TreeSet<>(unattributed));
    byDependenciesOnly = Collections.unmodifiableSortedSet(new TreeSet<>(byDependenciesOnly));
  }

  /** Every name read, whoever reads it. */
  public SortedSet<String> all() {
    SortedSet<String> all = new TreeSet<>(byApp);
    all.addAll(unattributed);
    all.addAll(byDependenciesOnly);
    return Collections.unmodifiableSortedSet(all);
  }

  /**
   * The names that are the app's configuration: read by its own code, or read where no source map
   * tells who reads them and not a name libraries are known to read for themselves, or read only by
   * a library that reads it for the app ({@code NEXTAUTH_SECRET} in next-auth, {@code DATABASE_URL}
   * in Prisma: see {@link FrameworkEnvNames#readForTheApp}).
   */
  public SortedSet<String> appConfiguration() {
    SortedSet<String> names = new TreeSet<>(byApp);
    unattributed.stream().filter(name -> !FrameworkEnvNames.readByLibraries(name)).forEach(names::add);
    byDependenciesOnly.stream().filter(FrameworkEnvNames::readForTheApp).forEach(names::add);
    return Collections.unmodifiableSortedSet(names);
  }

  /** Collects reads file by file, attributing each through the file's source map when it has one. */
  static final class Builder {
    private final SortedSet<String> byApp = new TreeSet<>();
    private final SortedSet<String> unattributed = new TreeSet<>();
    private final SortedSet<String> byDependencies = new TreeSet<>();

    void add(Path file, List<EnvReferenceScanner.Read> reads) {
      SourceMapModules.Origin[] origins = origins(file, reads);
      for (int i = 0; i < reads.size(); i++) {
        String name = reads.get(i).name();
        switch (origins[i]) {
          case APP -> byApp.add(name);
          case DEPENDENCY -> byDependencies.add(name);
          case UNKNOWN -> unattributed.add(name);
        }
      }
    }

    EnvReads build() {
      unattributed.removeAll(byApp);
      byDependencies.removeAll(byApp);
      byDependencies.removeAll(unattributed);
      return new EnvReads(byApp, unattributed, byDependencies);
    }

    private static SourceMapModules.Origin[] origins(Path file, List<EnvReferenceScanner.Read> reads) {
      SourceMapModules.Origin[] origins = new SourceMapModules.Origin[reads.size()];
      Arrays.fill(origins, SourceMapModules.Origin.UNKNOWN);
      Path mapFile = file.resolveSibling(file.getFileName() + ".map");
      if (!Files.isRegularFile(mapFile)) {
        return origins;
      }
      SourceMapModules map;
      try {
        map = SourceMapModules.read(mapFile);
      } catch (IOException e) {
        // A map we cannot read attributes nothing; the reads stay unattributed, never dropped.
        return origins;
      }
      long[] offsets = reads.stream().mapToLong(EnvReferenceScanner.Read::offset).toArray();
      int[][] positions;
      try {
        positions = Utf16Positions.of(file, offsets);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      for (int i = 0; i < origins.length; i++) {
        if (positions[i] != null) {
          origins[i] = map.originAt(positions[i][0], positions[i][1]);
        }
      }
      return origins;
    }
  }
}
