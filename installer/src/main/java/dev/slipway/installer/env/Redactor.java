package dev.slipway.installer.env;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.release.KeptLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Replaces every secret value of a release with {@code [redacted:NAME]} (issue #20, section 3): an
 * app whose start failed with {@code 'cannot connect with ' + process.env.DB_PASSWORD} had the
 * password quoted in stderr, in {@code --json} evidence and in the kept smoke.log. The values are
 * those of the env file and of the declared variables the installer passes from its own
 * environment; values shorter than {@value #MIN_LENGTH} characters are left alone, as replacing
 * "1" or "true" everywhere would garble the text without protecting anything, and so are a few
 * settings that are no secrets (see {@link #NOT_SECRET}).
 *
 * <p>One instance per install (or doctor run), applied where our output is made: the failure
 * (message, evidence, fix) before it is recorded or printed, and the logs when they are kept
 * ({@link KeptLogs}).
 */
public final class Redactor {
  static final int MIN_LENGTH = 6;
  public static final Redactor NONE = new Redactor(Map.of());
  /**
   * Settings, not secrets, whose values are ordinary words: NODE_ENV=production would otherwise
   * turn every {@code .env.production} our messages name into {@code .env.[redacted:NODE_ENV]}.
   * NEXT_PUBLIC_ values are inlined into the pages every browser downloads.
   */
  private static final Set<String> NOT_SECRET = Set.of("NODE_ENV", "PORT", "HOSTNAME", "HOST", "TZ", "LANG", "NODE_OPTIONS");
  private static final String PUBLIC_PREFIX = "NEXT_PUBLIC_";

  /** value -> name, longest value first so that a secret containing another is replaced whole. */
  private final Map<String, String> nameByValue;

  private Redactor(Map<String, String> valuesByName) {
    Map<String, String> byValue = new LinkedHashMap<>();
    valuesByName.entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue().length() >= MIN_LENGTH)
        .filter(e -> !NOT_SECRET.contains(e.getKey()) && !e.getKey().startsWith(PUBLIC_PREFIX))
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed()
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> byValue.putIfAbsent(e.getValue(), e.getKey()));
    this.nameByValue = byValue;
  }

  /** The values of {@code envFile} (every name) and of {@code declared} (names to values). */
  public static Redactor of(Optional<Path> envFile, Map<String, String> declared) throws IOException {
    Map<String, String> values = new TreeMap<>(declared);
    if (envFile.isPresent()) {
      values.putAll(EnvFile.allValuesOf(envFile.get()));
    }
    return new Redactor(values);
  }

  /** @return {@code text} with every secret value replaced; null stays null */
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (Map.Entry<String, String> secret : nameByValue.entrySet()) {
      result = result.replace(secret.getKey(), "[redacted:" + secret.getValue() + "]");
    }
    return result;
  }

  /**
   * As {@link #apply(String)} on raw bytes of any encoding: values are matched as their UTF-8
   * bytes, and every other byte is kept as it was (a log may hold invalid UTF-8).
   */
  public byte[] apply(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    for (Map.Entry<String, String> secret : nameByValue.entrySet()) {
      String raw = new String(secret.getKey().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      text = text.replace(raw, "[redacted:" + secret.getValue() + "]");
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  public SlipwayException apply(SlipwayException failure) {
    return nameByValue.isEmpty() ? failure : rewrite(failure, this::apply);
  }

  /** {@code failure} with {@code edit} applied to its message, evidence and fix; cause and stack kept. */
  public static SlipwayException rewrite(SlipwayException failure, UnaryOperator<String> edit) {
    SlipwayException edited = new SlipwayException(failure.kind(), failure.causeCode(), edit.apply(failure.getMessage()),
        edit.apply(failure.evidence()), edit.apply(failure.fix()));
    if (failure.getCause() != null) {
      edited.initCause(failure.getCause());
    }
    edited.setStackTrace(failure.getStackTrace());
    return edited;
  }

}
