package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFilesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".env",
        ".env.local",
        ".env.production",
        ".env.production.local",
        ".env.sample",
        "config/.env",
        "public/.env.development",
        ".ENV.Local",
        ".envrc",
        ".npmrc",
        "deploy/.npmrc",
        "certs/server.pem",
        "tls/private.key",
        ".key",
        "certs/client.p12",
        "certs/client.PFX",
        "android/release.keystore",
        "signing/app.jks",
        "id_rsa",
        ".ssh/id_ed25519",
        "keys/id_ecdsa_deploy",
        "ID_DSA",
        "windows\\dir\\.env.local",
        "public/.aws/credentials",
        ".aws/config",
        "public/.ssh/authorized_keys",
        "public/.docker/config.json",
        ".gnupg/pubring.kbx",
        "public/.kube/config",
        ".azure/msal_token_cache.json",
        "public/.config/gcloud/application_default_credentials.json",
        "public/credentials.json",
        ".git-credentials",
        "public/.htpasswd",
        ".netrc",
        "public/.pgpass",
        "vault/passwords.KDBX",
        "putty/server.ppk",
        "public/secring.gpg",
        "infra/terraform.tfstate",
        "terraform.tfstate.backup",
        "config/secrets.yml",
        "helm/secrets.yaml"
      })
  void credentialFilesLookSecret(String path) {
    assertThat(SecretFiles.looksSecret(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".env.example",
        ".env.production.example",
        ".ENV.EXAMPLE",
        "public/robots.txt",
        "package.json",
        "next.config.mjs",
        ".environment.js",
        "env.ts",
        ".env/readme.md",
        "public/keyboard.svg",
        "monkey",
        "id_rsa.pub",
        "keys/id_ed25519.PUB",
        "public/",
        "docs/pem-files.md",
        "public/.config/app.json",
        "public/aws/logo.svg",
        "public/docs/credentials.html",
        "public/gcloud/readme.md",
        ".docker",
        "public/config.json"
      })
  void ordinaryFilesAndTemplatesDoNotLookSecret(String path) {
    assertThat(SecretFiles.looksSecret(path)).isFalse();
  }

  @Test
  void theReasonNamesTheRuleThatMatched() {
    assertThat(SecretFiles.why("public/.aws/credentials")).contains("it is inside .aws/, where tools keep credentials");
    assertThat(SecretFiles.why("terraform.tfstate")).contains("files named terraform.tfstate hold credentials");
    assertThat(SecretFiles.why("public/logo.svg")).isEmpty();
  }
}
