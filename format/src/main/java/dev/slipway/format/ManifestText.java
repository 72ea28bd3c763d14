package dev.slipway.format;

import java.util.regex.Pattern;

/**
 * The character sets of the manifest fields every command prints: {@code app.name},
 * {@code app.version} and {@code buildId} (issue #20: escape sequences and newlines there were
 * printed raw by verify, install, list, doctor and inspect). Checked in the records' constructors,
 * so the packager cannot write such a manifest and no reader accepts one.
 *
 * <ul>
 *   <li>name: what npm accepts ({@code @scope/name}, URL-safe characters; older packages have
 *       capitals), at most npm's 214 characters;
 *   <li>version: semver with its pre-release and build parts ({@code 1.2.3-rc.1+sha.5114f85}), and
 *       what the packager falls back to: {@code git describe} output ({@code v1.2-3-gabc1234-dirty})
 *       and {@code 0.0.0+<buildId>};
 *   <li>buildId: Next's nanoid ({@code [A-Za-z0-9_-]}) or a {@code generateBuildId} value such as
 *       a commit hash or a dotted version.
 * </ul>
 */
public final class ManifestText {
  /** The reader's cause code for a field outside its set: a hostile manifest, not a damaged one. */
  public static final String CAUSE = "UNSAFE_MANIFEST_TEXT";

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._/~+-]{1,214}");
  static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_~-]{1,128}");
  static final Pattern BUILD_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private ManifestText() {}

  /** An {@link IllegalArgumentException} the archive reader reports as {@link #CAUSE}. */
  static final class Refusal extends IllegalArgumentException {
    Refusal(String message) {
      super(message);
    }

    SlipwayException refusal() {
      return ArchiveRefusal.of(CAUSE, null, "the manifest's " + getMessage());
    }
  }

  static String name(String value) {
    return check(value, "app.name", NAME, "letters, digits and @ . _ / ~ + - (an npm package name), at most 214");
  }

  static String version(String value) {
    return check(value, "app.version", VERSION, "letters, digits and . + _ ~ - (a semver version), at most 128");
  }

  static String buildId(String value) {
    return check(value, "buildId", BUILD_ID, "letters, digits and . _ -, at most 128");
  }

  /** Why {@code value} is no valid app name, or null when it is one (for the packager's own message). */
  public static String nameProblem(String value) {
    return problem(value, "name", NAME, "letters, digits and @ . _ / ~ + - (an npm package name), at most 214");
  }

  /** Why {@code value} is no valid app version, or null when it is one. */
  public static String versionProblem(String value) {
    return problem(value, "version", VERSION, "letters, digits and . + _ ~ - (a semver version), at most 128");
  }

  /** Why {@code value} is no valid build id, or null when it is one. */
  public static String buildIdProblem(String value) {
    return problem(value, "build id", BUILD_ID, "letters, digits and . _ -, at most 128");
  }

  private static String check(String value, String field, Pattern allowed, String rule) {
    Manifest.requireText(value, field);
    String problem = problem(value, field, allowed, rule);
    if (problem != null) {
      throw new Refusal(problem);
    }
    return value;
  }

  private static String problem(String value, String field, Pattern allowed, String rule) {
    if (value == null || allowed.matcher(value).matches()) {
      return null;
    }
    // The value is quoted escaped and capped: it is the hostile text itself.
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return field + " '" + TerminalText.escape(shown) + "' holds characters outside " + rule + " characters";
  }
}
