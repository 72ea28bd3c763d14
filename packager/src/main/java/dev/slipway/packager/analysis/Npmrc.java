package dev.slipway.packager.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a project's {@code .npmrc} means for packaging (issue #16, item 4). It is shipped, since
 * {@code npm ci} on the server needs its settings ({@code legacy-peer-deps=true}, a registry), but
 * only when it holds no literal credential: npm's own interpolation ({@code
 * //registry.npmjs.org/:_authToken=${NPM_TOKEN}}) keeps the token on the server, and each name so
 * referenced must be set there.
 *
 * <p>Read as npm reads it (ini): {@code key = value} lines, comments after {@code ;} or {@code #},
 * values optionally quoted; a credential key is {@code _authToken}, {@code _auth}, {@code _password}
 * or {@code password}, alone or after a registry prefix ({@code //host/path/:_authToken}). Values
 * are never kept: only key names leave this class.
 *
 * @param literalCredentialKeys the keys (never the values) whose value is not only {@code ${NAME}}
 *     references
 * @param requiredEnv names referenced as {@code ${NAME}}: npm fails when one is unset
 * @param optionalEnv names referenced as {@code ${NAME?}}, which npm reads as empty when unset
 */
public record Npmrc(List<String> literalCredentialKeys, SortedSet<String> requiredEnv, SortedSet<String> optionalEnv) {
  private static final Set<String> CREDENTIAL_KEYS = Set.of("_authtoken", "_auth", "_password", "password");
  /** npm's interpolation: ${NAME} or ${NAME?}, not after a backslash (an escaped, literal one). */
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\\\)\\$\\{([^}?]*)(\\?)?}");

  public Npmrc {
    literalCredentialKeys = List.copyOf(literalCredentialKeys);
    requiredEnv = Collections.unmodifiableSortedSet(new TreeSet<>(requiredEnv));
    optionalEnv = Collections.unmodifiableSortedSet(new TreeSet<>(optionalEnv));
  }

  public static Npmrc read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static Npmrc parse(String content) {
    List<String> literal = new ArrayList<>();
    SortedSet<String> required = new TreeSet<>();
    SortedSet<String> optional = new TreeSet<>();
    for (String raw : content.split("\r?\n|\r")) {
      String line = raw.strip();
      int equals = line.indexOf('=');
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#") || line.startsWith("[") || equals < 0) {
        continue;
      }
      String key = line.substring(0, equals).strip();
      String value = value(line.substring(equals + 1).strip());
      Matcher references = REFERENCE.matcher(key + "=" + value);
      while (references.find()) {
        (references.group(2) == null ? required : optional).add(references.group(1));
      }
      if (isCredentialKey(key) && !onlyReferences(value)) {
        literal.add(key);
      }
    }
    return new Npmrc(literal, required, optional);
  }

  private static boolean isCredentialKey(String key) {
    String last = key.substring(key.lastIndexOf(':') + 1);
    return CREDENTIAL_KEYS.contains(last.toLowerCase(Locale.ROOT));
  }

  /** Whether the value holds nothing but ${NAME} references (an empty value holds no credential). */
  private static boolean onlyReferences(String value) {
    return REFERENCE.matcher(value).replaceAll("").isBlank();
  }

  /** A quoted value without its quotes; an unquoted one up to an unescaped ; or # (ini's inline comment). */
  private static String value(String raw) {
    if (raw.startsWith("\"") || raw.startsWith("'")) {
      int close = raw.indexOf(raw.charAt(0), 1);
      if (close > 0) {
        return raw.substring(1, close);
      }
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ';' || c == '#') {
        return raw.substring(0, i).strip();
      }
    }
    return raw;
  }
}
