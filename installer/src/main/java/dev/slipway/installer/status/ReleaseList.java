package dev.slipway.installer.status;

import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.DiskUsage;
import dev.slipway.installer.layout.ReleaseCatalog;
import dev.slipway.installer.layout.ReleaseRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code installer list}: one row per release, newest first. */
public final class ReleaseList {
  /**
   * A release as listed; app, version and buildId are "-" for an adopted manual deploy without a
   * manifest, and "?" when its manifest cannot be read, which {@code problem} then says (null
   * otherwise).
   *
   * @param sizeBytes the release's own bytes: its files that no newer release shares (hard-linked
   *     node_modules count in the newest release holding them only), so the sizes add up to what
   *     the releases take on disk
   * @param signedBy the key id of the archive's verified signature, {@code unsigned} (--allow-unsigned), or
   *     null: installed with no trusted key, or before signatures (issue #22)
   */
  public record Row(
      String releaseId, String status, String app, String version, String buildId, String installedAt, long sizeBytes,
      String problem, String signedBy) {}

  /**
   * @param releasesBytes what all releases take on disk, each file counted once (the sum of the rows' sizes)
   * @param rootBytes what the whole root takes: the releases, shared/ (links not followed), .slipway/ and the history
   */
  public record Listing(List<Row> rows, long releasesBytes, long rootBytes) {
    public Listing {
      rows = List.copyOf(rows);
    }
  }

  private ReleaseList() {}

  public static List<Row> read(Path rootPath) throws IOException {
    return scan(rootPath).rows();
  }

  public static Listing scan(Path rootPath) throws IOException {
    ReleaseRoot root = ReleaseRoot.open(rootPath, false);
    List<Row> rows = new ArrayList<>();
    // Newest first: a file hard-linked into several releases counts in the newest one (issue #17).
    DiskUsage usage = new DiskUsage();
    long releasesBytes = 0;
    for (ReleaseCatalog.Entry entry : ReleaseCatalog.scan(root).releases()) {
      long own = usage.newBytes(entry.dir());
      releasesBytes += own;
      // The header only: a release's 50k file entries are not needed to name it (issue #7).
      Optional<Manifest.Header> manifest;
      String problem = null;
      String missing = "-";
      try {
        manifest = ReleaseManifests.headerIfPresent(entry.dir());
      } catch (SlipwayException damaged) {
        // One release edited by hand, or of another format version, must not hide the others:
        // the list is what an operator reads to choose a rollback target.
        manifest = Optional.empty();
        problem = damaged.getMessage();
        missing = "?";
      }
      rows.add(new Row(
          entry.releaseId(),
          entry.status().name().toLowerCase(Locale.ROOT),
          manifest.map(m -> m.app().name()).orElse(missing),
          manifest.map(m -> m.app().version()).orElse(missing),
          manifest.map(Manifest.Header::buildId).orElse(missing),
          entry.record() == null || entry.record().installedAt() == null
              ? null
              : entry.record().installedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          own,
          problem,
          entry.record() == null ? null : entry.record().signedBy()));
    }
    long rest = usage.newBytes(root.path(), root.releasesDir());
    return new Listing(rows, releasesBytes, releasesBytes + rest);
  }
}
