package dev.slipway.format;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;

/**
 * The files of an archive to write, handed over one at a time in the archive's order: names
 * strictly increasing by {@code String} order, as the manifest lists them. A source may produce
 * them as it walks (the packager's project walk), so a build of 50k files is never held in memory
 * at once (issue #7: the packager's memory flat in the number of files).
 */
@FunctionalInterface
public interface ArchiveFiles {
  /** Hands every file to {@code each}, in order; may be called more than once. */
  void forEach(Each each) throws IOException;

  @FunctionalInterface
  interface Each {
    void file(String name, ArchiveSource source) throws IOException;
  }

  /** The files of a map already sorted by name. */
  static ArchiveFiles of(SortedMap<String, ArchiveSource> sources) {
    return each -> {
      for (Map.Entry<String, ArchiveSource> named : sources.entrySet()) {
        each.file(named.getKey(), named.getValue());
      }
    };
  }
}
