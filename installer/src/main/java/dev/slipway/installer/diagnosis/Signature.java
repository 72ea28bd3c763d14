package dev.slipway.installer.diagnosis;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code causes.tsv}: a cause code, the logs it applies to, the regular expression
 * that recognises it (null for a {@link AppliesTo#DERIVED} line), and the wording of the
 * explanation and the fix, in which {@code {name}} is filled from the match's named group
 * {@code (?<name>...)} or from the facts the classifier knows.
 *
 * @param line the line number in the data file, for messages about the data file itself
 */
public record Signature(String code, AppliesTo appliesTo, Pattern pattern, String explanation, String fix, int line) {

  /** The logs a signature is matched against. */
  public enum AppliesTo {
    /** The output of {@code npm ci --omit=dev}. */
    NPM,
    /** The output of the release (smoke start, restart). */
    APP,
    /** Both. */
    ANY,
    /** A line where the app announces the port it listens on; needs the group {@code listenPort}. */
    LISTEN,
    /** No regular expression: the classifier decides from other facts and uses this wording. */
    DERIVED;

    /** The name used in the data file. */
    public String fileName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  public Signature {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(appliesTo, "appliesTo");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(fix, "fix");
    if ((pattern == null) != (appliesTo == AppliesTo.DERIVED)) {
      throw new IllegalArgumentException("a derived signature has no pattern, every other one has one: " + code);
    }
  }

  /** Whether this signature is matched against a log written by {@code source}. */
  public boolean appliesTo(Source source) {
    return switch (appliesTo) {
      case ANY -> true;
      case NPM -> source == Source.NPM;
      case APP -> source == Source.APP;
      case LISTEN, DERIVED -> false;
    };
  }

  /** The placeholders used by the explanation and the fix. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    for (String template : new String[] {explanation, fix}) {
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** The named groups of the pattern (Java 17 has no Pattern.namedGroups()). */
  public Set<String> groupNames() {
    return pattern == null ? Set.of() : groupNames(pattern.pattern());
  }

  static Set<String> groupNames(String regex) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = NAMED_GROUP.matcher(regex);
    while (m.find()) {
      int backslashes = 0;
      for (int i = m.start() - 1; i >= 0 && regex.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The wording with every placeholder filled; one without a value reads {@code <name>}. */
  public Cause cause(Map<String, String> values) {
    return new Cause(code, fill(explanation, values), fill(fix, values));
  }

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "<" + m.group(1) + ">" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
