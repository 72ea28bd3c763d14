package dev.slipway.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.semver4j.Range;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;
import org.semver4j.processor.AllVersionsProcessor;
import org.semver4j.processor.CaretProcessor;
import org.semver4j.processor.HyphenProcessor;
import org.semver4j.processor.TildeProcessor;
import org.semver4j.processor.XRangeProcessor;

/**
 * An npm version range ({@code ^1.2.3}, {@code 1.x}, {@code >=1 <2 || ^3}, {@code 1.2 - 2}),
 * matched exactly as node-semver matches it, prereleases included.
 *
 * <p>semver4j does the desugaring of each comparator ({@code ^1.2.3} to {@code >=1.2.3 <2.0.0}) and
 * the matching. This class only splits the range into comparator sets first, because semver4j's own
 * whole-range parsing departs from npm in ways that would produce false "out of sync" reports:
 *
 * <ul>
 *   <li>it silently drops tokens it cannot parse, so {@code "^1.2.3 foo"} would pass as {@code
 *       ^1.2.3}, where npm calls the whole spec invalid (a dist-tag);
 *   <li>it does not desugar two caret/tilde comparators in one set ({@code ^1.0.0 ^1.0.1});
 *   <li>it turns a bare {@code x} / {@code x.x} into "no version" instead of "any version";
 *   <li>its default pipeline also accepts Ivy ranges ({@code [1.0,2.0)}) and the keyword {@code
 *       latest}, which npm treats as a tag, not a range.
 * </ul>
 *
 * <p>npm's prerelease rule (a prerelease version only matches a comparator set that names a
 * prerelease of the same major.minor.patch) is applied by semver4j's {@link RangesList}, to which
 * each set's desugared comparators are handed as one list. npm's engines check
 * (npm-install-checks) passes {@code includePrerelease: true} instead, so a nightly Node 21
 * satisfies {@code >=20}: {@link #isSatisfiedByIncludingPrereleases}.
 *
 * <p>The one class for both sides (issue #19): the packager matches dependency specs against the
 * lockfile, the installer matches the host's Node.js against {@code engines.node}. Checked against
 * node-semver 7.8 (npm 11); the one known difference: a prerelease at the lower bound of a hyphen
 * range ({@code 21.0.0-nightly} against {@code 21.0.0 - 22}) satisfies node-semver, not semver4j.
 */
public final class NpmRange {
  /** Operators that npm allows to stand apart from their version ({@code ">= 1.2.3"}). */
  private static final Set<String> OPERATORS = Set.of("<", "<=", ">", ">=", "=", "^", "~", "~>");

  private static final Range ANY = new Range(Semver.ZERO, Range.RangeOperator.GTE);
  // 0.0.0-0 is the lowest version there is, so nothing is below it.
  private static final Range NONE = new Range(Semver.parse("0.0.0-0"), Range.RangeOperator.LT);

  private final String text;
  private final RangesList sets;
  private final RangesList setsWithPrereleases;

  private NpmRange(String text, List<List<Range>> sets) {
    this.text = text;
    this.sets = new RangesList(false);
    this.setsWithPrereleases = new RangesList(true);
    sets.forEach(set -> {
      this.sets.add(set);
      setsWithPrereleases.add(set);
    });
  }

  /**
   * The range, or empty when {@code text} is not a valid npm range (then npm treats it as a
   * dist-tag such as {@code latest} or {@code canary}).
   */
  public static Optional<NpmRange> parse(String text) {
    try {
      return Optional.of(parseStrictly(text));
    } catch (IllegalArgumentException notARange) {
      return Optional.empty();
    }
  }

  /**
   * The range, for where an invalid one is an error ({@code engines.node}).
   *
   * @throws IllegalArgumentException when npm would reject it; the message names the offending part
   */
  public static NpmRange parseStrictly(String text) {
    Objects.requireNonNull(text, "text");
    List<List<Range>> sets = new ArrayList<>();
    // npm splits on "||" and reads an empty alternative as "*".
    for (String alternative : text.split("\\|\\|", -1)) {
      sets.add(parseSet(alternative.trim()));
    }
    return new NpmRange(text, sets);
  }

  /** Whether {@code version} (a full semver version) is in this range; false if it is not one. */
  public boolean isSatisfiedBy(String version) {
    Semver parsed = Semver.parse(version.trim());
    return parsed != null && sets.isSatisfiedBy(parsed);
  }

  /** As {@link #isSatisfiedBy}, with npm's engines rule: any prerelease within the bounds matches. */
  public boolean isSatisfiedByIncludingPrereleases(String version) {
    Semver parsed = Semver.parse(version.trim());
    return parsed != null && setsWithPrereleases.isSatisfiedBy(parsed);
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<Range> parseSet(String set) {
    if (set.isEmpty()) {
      return List.of(ANY);
    }
    List<String> tokens = joinLooseOperators(List.of(set.split("\\s+")));
    // A hyphen range is only a hyphen range when it is the whole set ("1.2 - 2.3.4").
    if (tokens.size() == 3 && tokens.get(1).equals("-")) {
      boolean plainEnds =
          leadingOperator(tokens.get(0)).isEmpty() && leadingOperator(tokens.get(2)).isEmpty();
      String hyphen = tokens.get(0) + " - " + tokens.get(2);
      return comparator(hyphen).filter(range -> plainEnds).orElseThrow(() -> notAComparator(set));
    }
    List<Range> ranges = new ArrayList<>();
    for (String token : tokens) {
      ranges.addAll(comparator(token).orElseThrow(() -> notAComparator(token)));
    }
    return ranges;
  }

  private static IllegalArgumentException notAComparator(String token) {
    return new IllegalArgumentException(
        "\"" + token + "\" is not a version or a comparator such as >=20, ^20.9 or 20.x");
  }

  private static List<String> joinLooseOperators(List<String> tokens) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (OPERATORS.contains(token) && i + 1 < tokens.size()) {
        token = token + tokens.get(++i);
      }
      joined.add(token);
    }
    return joined;
  }

  private static Optional<List<Range>> comparator(String comparator) {
    Optional<List<Range>> wildcard = wildcard(comparator);
    if (wildcard.isPresent()) {
      return wildcard;
    }
    // npm's grammar only: no Ivy ranges, no "latest" keyword.
    RangesList desugared =
        RangesListFactory.create(
            comparator,
            false,
            new AllVersionsProcessor(),
            new HyphenProcessor(),
            new CaretProcessor(),
            new TildeProcessor(),
            new XRangeProcessor());
    if (desugared.get().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(desugared.get().get(0));
  }

  /**
   * A comparator whose version is all wildcards ({@code x}, {@code >=*}, {@code ~x.x}): npm reads
   * it as "any version", except {@code <x} and {@code >x}, which nothing satisfies.
   */
  private static Optional<List<Range>> wildcard(String comparator) {
    String operator = leadingOperator(comparator);
    String version = comparator.substring(operator.length());
    if (version.startsWith("v") || version.startsWith("=")) {
      version = version.substring(1);
    }
    String[] parts = version.split("\\.", -1);
    if (version.isEmpty() || parts.length > 3) {
      return Optional.empty();
    }
    for (String part : parts) {
      if (!part.equals("x") && !part.equals("X") && !part.equals("*")) {
        return Optional.empty();
      }
    }
    boolean none = operator.equals("<") || operator.equals(">");
    return Optional.of(List.of(none ? NONE : ANY));
  }

  private static String leadingOperator(String comparator) {
    for (String operator : List.of("~>", ">=", "<=", "<", ">", "=", "^", "~")) {
      if (comparator.startsWith(operator)) {
        return operator;
      }
    }
    return "";
  }
}
