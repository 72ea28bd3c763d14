package dev.slipway.installer.diagnosis;

import dev.slipway.installer.diagnosis.Signature.AppliesTo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The signatures of {@code causes.tsv}, the one data file that names every cause (see the comment
 * at its top for the format). Loading validates every line and fails with the line number: a bad
 * regular expression, one that matches an empty log, an unknown {@code applies-to}, a placeholder
 * that nothing can fill, a {@code listen} line without the group {@code listenPort}.
 */
public final class Signatures {
  /** The data file, next to this class on the classpath. */
  public static final String RESOURCE = "causes.tsv";

  /** Facts the classifier can fill into any line: the smoke port, the build's and this host's Node, the exit code. */
  static final Set<String> CONTEXT_KEYS = Set.of("port", "buildNode", "hostNode", "exitCode");

  /** What a derived line may use: the facts the classifier passes when it decides without a match. */
  static final Set<String> DERIVED_KEYS = Set.of(
      "module", "names", "range", "buildNode", "hostNode", "buildMajor", "hostMajor", "port", "listenPort",
      "exitCode");

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final List<Signature> all;

  private Signatures(List<Signature> all) {
    this.all = List.copyOf(all);
  }

  private static final class Default {
    static final Signatures INSTANCE = loadResource();
  }

  /** The signatures shipped with Slipway (read once, then shared: they are immutable). */
  public static Signatures load() {
    return Default.INSTANCE;
  }

  private static Signatures loadResource() {
    try (InputStream in = Signatures.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath next to " + Signatures.class.getName());
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a data file in the format of {@code causes.tsv}.
   *
   * @param name the file name used in error messages ({@code causes.tsv:12: ...})
   * @throws IllegalArgumentException naming the file and line of the first invalid line
   */
  public static Signatures parse(String text, String name) {
    List<Signature> signatures = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      signatures.add(parseLine(line, name + ":" + (i + 1) + ": ", i + 1));
    }
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException(name + ": no signatures");
    }
    return new Signatures(signatures);
  }

  private static Signature parseLine(String line, String where, int lineNumber) {
    String[] columns = line.split("\t", -1);
    if (columns.length != 5) {
      throw new IllegalArgumentException(
          where + "expected 5 tab-separated columns (code, applies-to, regex, explanation, fix), found " + columns.length);
    }
    String code = columns[0].strip();
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(where + "the code must be UPPER_SNAKE_CASE: '" + code + "'");
    }
    AppliesTo appliesTo;
    try {
      appliesTo = AppliesTo.valueOf(columns[1].strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + "applies-to must be npm, app, any, listen or derived: '" + columns[1].strip() + "'");
    }
    String regex = columns[2];
    String explanation = columns[3].strip();
    String fix = columns[4].strip();
    if (explanation.isEmpty() || fix.isEmpty()) {
      throw new IllegalArgumentException(where + "the explanation and the fix must not be empty");
    }
    Pattern pattern = null;
    if (appliesTo == AppliesTo.DERIVED) {
      if (!regex.strip().equals("-")) {
        throw new IllegalArgumentException(where + "a derived line has '-' for its regex");
      }
    } else {
      try {
        pattern = Pattern.compile(regex, Pattern.MULTILINE);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            where + "bad regex: " + e.getDescription() + " near index " + e.getIndex() + " of " + regex, e);
      }
      if (pattern.matcher("").find() || pattern.matcher("\n").find()) {
        throw new IllegalArgumentException(where + "the regex matches an empty log: " + regex);
      }
    }
    Signature signature = new Signature(code, appliesTo, pattern, explanation, fix, lineNumber);
    Set<String> groups = signature.groupNames();
    for (String group : groups) {
      if (CONTEXT_KEYS.contains(group)) {
        throw new IllegalArgumentException(
            where + "the group name '" + group + "' is taken by a fact the classifier fills in: rename it");
      }
    }
    if (appliesTo == AppliesTo.LISTEN && !groups.contains("listenPort")) {
      throw new IllegalArgumentException(where + "a listen line needs the named group (?<listenPort>...)");
    }
    Set<String> allowed = new TreeSet<>(appliesTo == AppliesTo.DERIVED ? DERIVED_KEYS : CONTEXT_KEYS);
    allowed.addAll(groups);
    for (String placeholder : signature.placeholders()) {
      if (!allowed.contains(placeholder)) {
        throw new IllegalArgumentException(
            where + "{" + placeholder + "} is neither a named group of the regex nor one of " + allowed);
      }
    }
    return signature;
  }

  /** Every line, in file order. */
  public List<Signature> all() {
    return all;
  }

  /** The lines with a regex for logs written by {@code source}, in file order. */
  public List<Signature> matching(Source source) {
    return all.stream().filter(s -> s.appliesTo(source)).toList();
  }

  /** The {@code listen} lines, in file order. */
  public List<Signature> listen() {
    return all.stream().filter(s -> s.appliesTo() == AppliesTo.LISTEN).toList();
  }

  /** Every code, in order of first appearance. */
  public List<String> codes() {
    return all.stream().map(Signature::code).distinct().toList();
  }

  /**
   * The wording the classifier uses when it decides {@code code} without a match of its own: the
   * code's {@code derived} line if it has one, else its first line.
   *
   * @throws IllegalStateException when the data file has no line for the code
   */
  public Signature wording(String code) {
    Signature first = null;
    for (Signature s : all) {
      if (s.code().equals(code)) {
        if (s.appliesTo() == AppliesTo.DERIVED) {
          return s;
        }
        if (first == null) {
          first = s;
        }
      }
    }
    if (first == null) {
      throw new IllegalStateException(RESOURCE + " has no line for the cause code " + code);
    }
    return first;
  }

  /** One cause per code, worded by the code's first line with its placeholders left in: for docs/reference/causes.md. */
  public List<Cause> causes() {
    Map<String, Cause> byCode = new LinkedHashMap<>();
    for (Signature s : all) {
      byCode.putIfAbsent(s.code(), new Cause(s.code(), s.explanation(), s.fix()));
    }
    return List.copyOf(byCode.values());
  }
}
