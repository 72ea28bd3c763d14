package dev.slipway.installer.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * An {@code engines.node} range with npm's semantics: node-semver's grammar
 * (node-semver/range.bnf), checked here, and its matching, done by semver4j.
 *
 * <p>Why check the grammar ourselves: semver4j 5.8 is lenient where npm is strict, and wrong in one
 * corner. It turns an invalid range ({@code "banana"}, {@code "=>20"}) into one that matches
 * nothing, silently drops an invalid alternative ({@code "foo || 20"} becomes {@code "20"}),
 * accepts {@code "latest"} as any version and reads a bare {@code x} as {@code <0.0.0}, where
 * node-semver calls the first four invalid and {@code x} any version. So: each {@code ||}
 * alternative must be a hyphen range or a list of comparators; bare wildcards ({@code *}, {@code
 * x}, {@code >=x.x}, {@code ^*}) match anything and are dropped before semver4j sees the rest
 * ({@code <*} and {@code >*} match nothing); an empty alternative matches anything (node-semver:
 * {@code range ::= ... | ''}).
 *
 * <p>Checked against node-semver 7.8 (bundled with npm 11) on 97 ranges and 8 versions; the one
 * known difference: a prerelease host version at the lower bound of a hyphen range ({@code
 * 21.0.0-nightly} against {@code 21.0.0 - 22}) satisfies node-semver but not semver4j.
 *
 * <p>Prereleases match as in npm's own engines check (npm-install-checks), which passes {@code
 * includePrerelease: true}: a nightly Node 21 satisfies {@code >=20}.
 */
final class NodeRange {

  private static final String XR = "(?:0|[1-9]\\d*|[xX*])";
  private static final String QUALIFIER =
      "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
  private static final String PARTIAL =
      "v?" + XR + "(?:\\." + XR + "(?:\\." + XR + QUALIFIER + ")?)?";
  private static final Pattern COMPARATOR = Pattern.compile("(?:<=|>=|<|>|=|~>|~|\\^)?" + PARTIAL);
  private static final Pattern HYPHEN = Pattern.compile(PARTIAL + "\\s+-\\s+" + PARTIAL);

  /** A wildcard version, with the operator in group 1: "*", ">=x", "^x.x"... */
  private static final Pattern WILDCARD =
      Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)?v?[xX*](?:\\.[xX*]){0,2}");

  /** node-semver allows space between an operator and its version: ">= 20". */
  private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)\\s+");

  private final String raw;

  /**
   * Per alternative that can match at all, its comparators for semver4j; an empty string matches
   * any version.
   */
  private final List<String> alternatives;

  private NodeRange(String raw, List<String> alternatives) {
    this.raw = raw;
    this.alternatives = List.copyOf(alternatives);
  }

  /**
   * Parses {@code range}.
   *
   * @throws IllegalArgumentException if npm would reject it; the message names the offending part
   */
  static NodeRange parse(String range) {
    Objects.requireNonNull(range, "range");
    List<String> alternatives = new ArrayList<>();
    for (String alternative : range.split("\\|\\|", -1)) {
      String trimmed = alternative.strip();
      if (HYPHEN.matcher(trimmed).matches()) {
        alternatives.add(trimmed);
        continue;
      }
      List<String> comparators = new ArrayList<>();
      boolean matchesNothing = false;
      String glued = OPERATOR_SPACE.matcher(trimmed).replaceAll("$1");
      for (String token : glued.isEmpty() ? new String[0] : glued.split("\\s+")) {
        if (!COMPARATOR.matcher(token).matches()) {
          throw new IllegalArgumentException(
              "\"" + token + "\" is not a version or a comparator such as >=20, ^20.9 or 20.x");
        }
        Matcher wildcard = WILDCARD.matcher(token);
        if (!wildcard.matches()) {
          comparators.add(token);
        } else if ("<".equals(wildcard.group(1)) || ">".equals(wildcard.group(1))) {
          matchesNothing = true; // node-semver: "<*" and ">x" are "<0.0.0-0"
        }
      }
      if (!matchesNothing) {
        alternatives.add(String.join(" ", comparators));
      }
    }
    return new NodeRange(range, alternatives);
  }

  /** Whether {@code version} (e.g. {@code 20.20.2}) is in the range. */
  boolean isSatisfiedBy(Semver version) {
    for (String alternative : alternatives) {
      if (alternative.isEmpty() || version.satisfies(alternative, true)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return raw;
  }
}
