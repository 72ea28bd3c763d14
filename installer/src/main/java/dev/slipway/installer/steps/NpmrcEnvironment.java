package dev.slipway.installer.steps;

import dev.slipway.installer.env.EnvFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables {@code npm ci} needs for the release's own {@code .npmrc} (issue #16, item 4).
 *
 * <p>The packager ships the project's .npmrc, with any credential written as npm's {@code
 * ${NPM_TOKEN}} interpolation, and makes each referenced name a required env name. npm replaces
 * {@code ${NAME}} from its own environment, and npm ci runs with a small base environment, not the
 * installer's ({@code BaseEnvironment}). So each referenced name is given to npm: from the
 * installer's environment, else from the env file (which the install checked holds every required
 * name). Names the .npmrc does not reference are not passed, and values are never printed or logged.
 */
public final class NpmrcEnvironment {
  static final String NPMRC = ".npmrc";
  /** An .npmrc is a few lines; a larger one is not the project's config and is not searched. */
  static final int MAX_BYTES = 64 * 1024;
  /** npm's own pattern, {@code ${NAME}} or {@code ${NAME?}} (npm 9+: empty when unset), narrowed to variable names. */
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\\\)\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\??\\}");

  private NpmrcEnvironment() {}

  /**
   * @param release the unpacked release, whose {@code .npmrc} npm ci reads
   * @param envFile the env file of the install, if any
   * @param environment the installer's environment
   * @return each name the release's .npmrc references that is set, with its value
   */
  public static Map<String, String> forNpm(Path release, Optional<Path> envFile, Map<String, String> environment)
      throws IOException {
    Set<String> names = referencedNames(release);
    Map<String, String> values = new TreeMap<>();
    if (names.isEmpty()) {
      return values;
    }
    if (envFile.isPresent()) {
      values.putAll(EnvFile.valuesOf(envFile.get(), names));
    }
    for (String name : names) {
      String value = environment.get(name);
      if (value != null) {
        values.put(name, value); // the installer's environment wins, as it does for Next at run time
      }
    }
    return values;
  }

  /** The names {@code ${NAME}} in the release's .npmrc; none when it has none (or it is not a plain file). */
  static Set<String> referencedNames(Path release) throws IOException {
    Path npmrc = release.resolve(NPMRC);
    Set<String> names = new TreeSet<>();
    if (!Files.isRegularFile(npmrc, LinkOption.NOFOLLOW_LINKS)) {
      return names;
    }
    String text;
    try (InputStream in = Files.newInputStream(npmrc, LinkOption.NOFOLLOW_LINKS)) {
      text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
