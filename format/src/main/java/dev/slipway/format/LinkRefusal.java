package dev.slipway.format;

/**
 * A link of the manifest that breaks a rule. It is an {@link IllegalArgumentException}, as every
 * invalid record is, so data binding and the packager see it as one; the archive reader turns it
 * into a refusal with its own cause code instead of BAD_MANIFEST, so that a user (and the
 * hostile-archive tests) can tell a hostile link from a damaged manifest (issue #16).
 */
final class LinkRefusal extends IllegalArgumentException {
  /** A link whose path or target breaks the rules of {@link LinkRules}. */
  static final String UNSAFE_LINK = "UNSAFE_LINK";
  /** A link that collides with another link or with a file of the manifest. */
  static final String LINK_CONFLICT = "LINK_CONFLICT";

  final String causeCode;

  LinkRefusal(String causeCode, String path, String target, String why) {
    super("link '" + ArchivePaths.printable(path) + "'"
        + (target == null ? "" : " -> '" + ArchivePaths.printable(target) + "'") + ": " + why);
    this.causeCode = causeCode;
  }

  SlipwayException refusal() {
    return ArchiveRefusal.of(causeCode, null, getMessage());
  }
}
