package dev.slipway.installer.layout;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one release folder under {@code ROOT/releases/}: {@code 20261127T163000Z-<buildId>},
 * optionally followed by {@code -2}, {@code -3}... when the same build is installed twice within
 * one second.
 *
 * <p>The format is strict on purpose: {@link Retention} deletes only folders whose names parse as
 * a ReleaseId, so a folder someone put under {@code releases/} by hand ({@code old-backup}) is
 * never touched. The id is also used verbatim as a path segment, so only {@code [A-Za-z0-9._-]}
 * is allowed and {@code ..} is refused.
 *
 * <p>Order ({@link #compareTo}): by the UTC timestamp, then by the rest with digit runs compared
 * as numbers, so {@code -10} sorts after {@code -2}. For ids produced by {@link #next} with fewer
 * than ten collisions this equals plain string order. Two <em>different</em> builds installed in
 * the same second order by build id, not by age; installs of one root are serialized by {@link
 * RootLock} and each takes far longer than a second (npm ci), so that cannot happen in practice.
 */
public record ReleaseId(String value) implements Comparable<ReleaseId> {

  /** Longest build id part we keep; Next.js build ids are ~21 characters. */
  static final int MAX_BUILD_PART = 64;

  private static final int MAX_LENGTH = 128;
  private static final Pattern FORMAT =
      Pattern.compile("(\\d{8}T\\d{6}Z)-([A-Za-z0-9._-]+)");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  public ReleaseId {
    Objects.requireNonNull(value, "value");
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException("not a release id: \"" + value + "\": " + problem);
    }
  }

  /** Parses a folder name; throws IllegalArgumentException saying what is wrong with it. */
  public static ReleaseId parse(String value) {
    return new ReleaseId(value);
  }

  /** True when {@code value} is a well-formed release id (a folder we created). */
  public static boolean isValid(String value) {
    return value != null && problemWith(value) == null;
  }

  /**
   * The id for a release installed at {@code now}: {@code <UTC second>-<sanitized buildId>}, with
   * {@code -2}, {@code -3}... appended while the name is already in {@code existing}.
   *
   * @param buildId the Next.js build id (or anything); characters outside {@code [A-Za-z0-9._-]}
   *     become {@code -}, dot runs collapse, leading and trailing dots and dashes are dropped, and
   *     an empty result becomes {@code build}
   * @param existing names already taken (usually the entries of {@code ROOT/releases})
   */
  public static ReleaseId next(Instant now, String buildId, Set<String> existing) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(existing, "existing");
    String base = TIMESTAMP.format(now.truncatedTo(ChronoUnit.SECONDS)) + "-" + sanitize(buildId);
    String candidate = base;
    for (int n = 2; existing.contains(candidate); n++) {
      candidate = base + "-" + n;
    }
    return new ReleaseId(candidate);
  }

  /** Makes an arbitrary build id safe as the tail of a folder name. */
  static String sanitize(String buildId) {
    String s = buildId == null ? "" : buildId;
    s = s.replaceAll("[^A-Za-z0-9._-]+", "-");
    s = s.replaceAll("\\.{2,}", ".");
    s = stripDotsAndDashes(s);
    if (s.length() > MAX_BUILD_PART) {
      s = stripDotsAndDashes(s.substring(0, MAX_BUILD_PART));
    }
    return s.isEmpty() ? "build" : s;
  }

  /** When the release was created, at second resolution (from the name, not the file system). */
  public Instant createdAt() {
    return Instant.from(TIMESTAMP.parse(timestampPart()));
  }

  /** The part after the timestamp: sanitized build id plus any collision suffix. */
  public String buildPart() {
    return value.substring(timestampPart().length() + 1);
  }

  private String timestampPart() {
    return value.substring(0, value.indexOf('-'));
  }

  @Override
  public int compareTo(ReleaseId other) {
    int byTime = timestampPart().compareTo(other.timestampPart());
    return byTime != 0 ? byTime : compareNatural(buildPart(), other.buildPart());
  }

  /** True when this release was created before {@code other} (in {@link #compareTo} order). */
  public boolean isOlderThan(ReleaseId other) {
    return compareTo(other) < 0;
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problemWith(String value) {
    if (value.isEmpty()) {
      return "empty";
    }
    if (value.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    Matcher m = FORMAT.matcher(value);
    if (!m.matches()) {
      return "expected <yyyyMMdd>T<HHmmss>Z-<build id> using only A-Z a-z 0-9 . _ -";
    }
    if (value.contains("..")) {
      return "contains \"..\"";
    }
    if (value.endsWith(".")) {
      // Windows silently drops a trailing dot from file names.
      return "ends with \".\"";
    }
    try {
      TIMESTAMP.parse(m.group(1));
    } catch (DateTimeException e) {
      return "\"" + m.group(1) + "\" is not a valid UTC time";
    }
    return null;
  }

  private static String stripDotsAndDashes(String s) {
    return s.replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
  }

  /** Compares digit runs numerically and everything else character by character. */
  private static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int endA = digitRunEnd(a, i);
        int endB = digitRunEnd(b, j);
        String runA = stripLeadingZeros(a.substring(i, endA));
        String runB = stripLeadingZeros(b.substring(j, endB));
        int byNumber =
            runA.length() != runB.length()
                ? Integer.compare(runA.length(), runB.length())
                : runA.compareTo(runB);
        if (byNumber != 0) {
          return byNumber;
        }
        int byWidth = Integer.compare(endA - i, endB - j);
        if (byWidth != 0) {
          return byWidth;
        }
        i = endA;
        j = endB;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitRunEnd(String s, int from) {
    int end = from;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static String stripLeadingZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
