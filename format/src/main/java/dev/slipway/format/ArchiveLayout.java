package dev.slipway.format;

/** Fixed names inside an archive and a release. */
public final class ArchiveLayout {
  public static final String DEPLOY_DIR = ".deploy";
  /** Always the first entry of the archive, so the installer knows what to expect before it writes a byte. */
  public static final String MANIFEST = ".deploy/manifest.json";
  public static final String ENV_MANIFEST = ".deploy/env.json";
  /** Where the installer writes its logs inside a release (never part of an archive). */
  public static final String LOGS_DIR = ".deploy/logs";
  /** Largest manifest we read: it is buffered, so it must be bounded (issue #6). */
  public static final int MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

  private ArchiveLayout() {}
}
