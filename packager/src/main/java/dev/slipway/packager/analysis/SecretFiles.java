package dev.slipway.packager.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recognises files that usually hold credentials, so they are not shipped inside a release by
 * accident (the packager refuses them unless explicitly allowed).
 *
 * <p>Judged on the file name alone (the last path segment, either separator), ignoring case:
 *
 * <ul>
 *   <li>{@code .env} and {@code .env.*} ({@code .env.local}, {@code .env.production}): dotenv files
 *       hold the values themselves. Not {@code .env.example} nor {@code .env.*.example}: those are
 *       templates committed to the repository, meant to hold names and placeholders, and are what
 *       Slipway reads the required names from. Other template suffixes ({@code .sample}, {@code
 *       .template}) are not exempt: we would rather be asked than ship a "sample" that holds real
 *       values.
 *   <li>{@code .envrc}: direnv's file, which exports the same kind of values.
 *   <li>{@code .npmrc}: may hold registry auth tokens.
 *   <li>Private keys and key stores: {@code *.pem}, {@code *.key}, {@code *.p12}, {@code *.pfx},
 *       {@code *.keystore}, {@code *.jks}.
 *   <li>SSH keys: {@code id_rsa*}, {@code id_dsa*}, {@code id_ecdsa*}, {@code id_ed25519*}, except
 *       the public halves ({@code *.pub}), which are meant to be shared.
 * </ul>
 */
public final class SecretFiles {
  private static final List<String> EXACT_NAMES = List.of(".env", ".envrc", ".npmrc");
  private static final List<String> EXTENSIONS =
      List.of(".pem", ".key", ".p12", ".pfx", ".keystore", ".jks");
  private static final List<String> SSH_KEY_PREFIXES =
      List.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");

  private SecretFiles() {}

  /** Whether the file at {@code relativePath} looks like it holds secrets (see class comment). */
  public static boolean looksSecret(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath");
    String name = lastSegment(relativePath).toLowerCase(Locale.ROOT);
    if (EXACT_NAMES.contains(name)) {
      return true;
    }
    if (name.startsWith(".env.")) {
      return !name.endsWith(".example");
    }
    for (String extension : EXTENSIONS) {
      if (name.endsWith(extension)) {
        return true;
      }
    }
    for (String prefix : SSH_KEY_PREFIXES) {
      if (name.startsWith(prefix)) {
        return !name.endsWith(".pub");
      }
    }
    return false;
  }

  private static String lastSegment(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
