package dev.slipway.format.hostile;

import dev.slipway.format.SafeArchiveReader;
import dev.slipway.format.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one bomb of {@link HostileArchives} through the reader in a JVM of its own, so a test can
 * give it the installer's heap (bin/installer: -Xmx256m) rather than surefire's. Prints one line:
 * {@code REFUSED <cause code>}, {@code ACCEPTED}, {@code OOM} or {@code ERROR <exception>}.
 */
public final class BombRunner {
  static final long GIB = HostileArchives.GIB;

  static final Map<String, Supplier<GzipStreams.OnTheFly>> BOMBS = new LinkedHashMap<>();

  static {
    BOMBS.put("bombFileLargerThanManifest", HostileArchives::bombFileLargerThanManifest);
    BOMBS.put("bombFileNotInManifest", HostileArchives::bombFileNotInManifest);
    BOMBS.put("bombFolderWithData", HostileArchives::bombFolderWithData);
    BOMBS.put("bombPaxHeaderAfterManifest", HostileArchives::bombPaxAfterManifest);
    BOMBS.put("bombPaxHeaderBeforeManifest", HostileArchives::bombPaxBeforeManifest);
    BOMBS.put("bombGnuLongName", HostileArchives::bombGnuLongName);
    BOMBS.put("bombGnuLongNameBeforeManifest", HostileArchives::bombGnuLongNameBeforeManifest);
    BOMBS.put("bombManifest", HostileArchives::bombManifest);
    BOMBS.put("bombPaxWithin1GiBDeclared", () -> HostileArchives.bombPaxWithinALargeDeclaredTotal(GIB));
    BOMBS.put("bombGnuLongNameWithin1GiBDeclared", () -> HostileArchives.bombGnuLongNameWithinALargeDeclaredTotal(GIB));
    BOMBS.put("trailingZerosAfterEnd", HostileArchives::trailingZerosAfterEnd);
  }

  private BombRunner() {}

  public static void main(String[] args) throws Exception {
    GzipStreams.OnTheFly bomb = BOMBS.get(args[0]).get();
    Path staging = Files.createDirectories(Path.of(args[1]));
    String outcome;
    try {
      SafeArchiveReader.extract(bomb, staging, SafeArchiveReader.Progress.NONE);
      outcome = "ACCEPTED";
    } catch (SlipwayException e) {
      outcome = "REFUSED " + e.causeCode();
    } catch (OutOfMemoryError e) {
      outcome = "OOM";
    } catch (Throwable e) {
      outcome = "ERROR " + e;
    }
    System.out.println(outcome);
    System.out.println("pulled " + bomb.sourceBytesRead());
  }
}
