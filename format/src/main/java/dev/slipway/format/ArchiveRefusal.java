package dev.slipway.format;

/** Builds the {@link FailureKind#INTEGRITY} refusals of the archive reader, with one wording. */
final class ArchiveRefusal {
  static final String FIX =
      "the archive is damaged or was tampered with: build it again with `packager package` and copy it with its .sha256";

  private ArchiveRefusal() {}

  static SlipwayException of(String causeCode, String entry, String why) {
    String where = entry == null ? "" : "entry '" + ArchivePaths.printable(entry) + "': ";
    return new SlipwayException(
        FailureKind.INTEGRITY, causeCode, "archive refused: " + where + why, null, FIX);
  }
}
