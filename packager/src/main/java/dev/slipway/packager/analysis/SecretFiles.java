package dev.slipway.packager.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises files that usually hold credentials, so they are not shipped inside a release by
 * accident (the packager refuses them unless explicitly allowed). A file under {@code public/} is
 * also served to anyone who asks (issue #20: {@code GET /.aws/credentials} answered 200), so
 * shipping one is publishing it.
 *
 * <p>Judged on the path alone, ignoring case and either separator ({@link SecretContent} judges
 * the first bytes):
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
 *       {@code *.keystore}, {@code *.jks}, {@code *.ppk} (PuTTY), {@code *.kdbx} (KeePass),
 *       {@code secring.gpg}.
 *   <li>SSH keys: {@code id_rsa*}, {@code id_dsa*}, {@code id_ecdsa*}, {@code id_ed25519*}, except
 *       the public halves ({@code *.pub}), which are meant to be shared.
 *   <li>Credential files tools write: {@code credentials.json} (Google's OAuth client and
 *       service-account convention), {@code .git-credentials}, {@code .htpasswd}, {@code .netrc},
 *       {@code .pgpass}, {@code secrets.yml}/{@code secrets.yaml} (Rails, Helm),
 *       {@code terraform.tfstate} and its {@code .backup} (Terraform stores resource secrets in
 *       plain text there).
 *   <li>Anything inside a folder where tools keep credentials: {@code .aws}, {@code .ssh},
 *       {@code .docker} ({@code config.json} holds registry auth), {@code .gnupg}, {@code .kube},
 *       {@code .azure}, {@code .config/gcloud}.
 * </ul>
 */
public final class SecretFiles {
  private static final List<String> EXACT_NAMES =
      List.of(".env", ".envrc", ".npmrc", "credentials.json", ".git-credentials", ".htpasswd", ".netrc",
          ".pgpass", "secring.gpg", "terraform.tfstate", "terraform.tfstate.backup", "secrets.yml", "secrets.yaml");
  private static final List<String> EXTENSIONS =
      List.of(".pem", ".key", ".p12", ".pfx", ".keystore", ".jks", ".ppk", ".kdbx");
  private static final List<String> SSH_KEY_PREFIXES =
      List.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
  private static final List<String> CREDENTIAL_FOLDERS =
      List.of(".aws", ".ssh", ".docker", ".gnupg", ".kube", ".azure");

  private SecretFiles() {}

  /** Whether the file at {@code relativePath} looks like it holds secrets (see class comment). */
  public static boolean looksSecret(String relativePath) {
    return why(relativePath).isPresent();
  }

  /** Why the file at {@code relativePath} looks secret, in a few words for a message; empty when it does not. */
  public static Optional<String> why(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath");
    String[] segments = relativePath.replace('\\', '/').toLowerCase(Locale.ROOT).split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (CREDENTIAL_FOLDERS.contains(segments[i])) {
        return Optional.of("it is inside " + segments[i] + "/, where tools keep credentials");
      }
      if (segments[i].equals(".config") && segments[i + 1].equals("gcloud") && i + 1 < segments.length - 1) {
        return Optional.of("it is inside .config/gcloud/, where tools keep credentials");
      }
    }
    String name = segments[segments.length - 1];
    if (EXACT_NAMES.contains(name)) {
      return Optional.of("files named " + name + " hold credentials");
    }
    if (name.startsWith(".env.") && !name.endsWith(".example")) {
      return Optional.of("it is an env file");
    }
    for (String extension : EXTENSIONS) {
      if (name.endsWith(extension)) {
        return Optional.of(extension + " files hold private keys or passwords");
      }
    }
    for (String prefix : SSH_KEY_PREFIXES) {
      if (name.startsWith(prefix) && !name.endsWith(".pub")) {
        return Optional.of("it is named like an SSH private key");
      }
    }
    return Optional.empty();
  }
}
