package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretContentTest {
  private static final String BASE64_LINE = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

  private static Optional<String> marker(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return SecretContent.marker(bytes, bytes.length);
  }

  @Test
  void privateKeyBlocksOfEveryFlavourAreRecognised() {
    for (String label : new String[] {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
      assertThat(marker("-----BEGIN " + label + "-----\n" + BASE64_LINE + "\n")).as(label).get().asString().contains("PEM private key");
    }
    assertThat(marker("-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,AB\r\n\r\n" + BASE64_LINE))
        .isPresent();
    assertThat(marker("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + BASE64_LINE)).isPresent();
  }

  @Test
  void eachCredentialMarkerNamesItsKindNotTheValue() {
    assertThat(marker("{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\"\n}")).get().asString().contains("service-account");
    assertThat(marker("[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")).get().asString()
        .contains("AWS secret key").doesNotContain("wJalr");
    assertThat(marker("//registry.npmjs.org/:_authToken=npm_abcdef123456\n")).get().asString().contains("npm auth token");
    assertThat(marker("SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")).get().asString().contains("Slack");
    assertThat(marker("token: xoxp-123456789012-1234567890123-1234567890123-abcdef")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "const header = \"-----BEGIN PRIVATE KEY-----\\n\" + body;", // a library holding the label
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1L\n",
        "-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1L\n",
        "<p>Set <code>aws_secret_access_key</code> in ~/.aws/credentials.</p>",
        "aws_secret_access_key = ${AWS_SECRET}",
        "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
        "Slack bot tokens start with xoxb- followed by digits.",
        "{\"type\": \"authorized_user_docs\"}",
        ""
      })
  void documentationAndReferencesAreNotSecrets(String text) {
    assertThat(marker(text)).isEmpty();
  }

  @Test
  void aKeyDeepInsideTheFirst64KiBOfATextFileIsFound() {
    String text = "# notes\n".repeat(6000) + "-----BEGIN PRIVATE KEY-----\n" + BASE64_LINE + "\n";
    assertThat(text.length()).isGreaterThan(40_000).isLessThan(SecretContent.HEAD_BYTES);
    assertThat(marker(text)).isPresent();
  }

  @Test
  void binaryFilesAreNotSearched() {
    // Images and fonts have a NUL byte in their first bytes; no marker is binary.
    byte[] png = ("\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR xoxb-123456789012-1234567890123-AbCdEfGhIjKl")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SecretContent.marker(png, png.length)).isEmpty();
  }

  @Test
  void binaryFilesAreReadWithoutFailing() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, (byte) 0xff, (byte) 0xfe, 0};
    assertThat(SecretContent.marker(png, png.length)).isEmpty();
  }
}
