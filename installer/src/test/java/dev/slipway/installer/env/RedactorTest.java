package dev.slipway.installer.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #20, section 3: the release's secret values never reach what we print or keep. */
class RedactorTest {
  @TempDir Path tmp;

  private Redactor redactor() throws Exception {
    Path env = Files.writeString(tmp.resolve(".env.production"),
        "DB_PASSWORD=\"s3cret-pass\"\nDB_URL=postgres://u:s3cret-pass@db/x\nNODE_ENV=production\nPORT=3000\n");
    return Redactor.of(Optional.of(env), Map.of("API_TOKEN", "tok-123456", "SHORT", "abc12"));
  }

  @Test
  void everyValueOfSixCharactersOrMoreIsReplacedByItsName() throws Exception {
    Redactor redactor = redactor();

    assertThat(redactor.apply("login s3cret-pass with tok-123456 on port 3000, mode abc12"))
        .isEqualTo("login [redacted:DB_PASSWORD] with [redacted:API_TOKEN] on port 3000, mode abc12");
  }

  @Test
  void settingsThatAreNoSecretsAreLeftSoOurOwnPathsStayReadable() throws Exception {
    Path env = Files.writeString(tmp.resolve(".env.production"),
        "NODE_ENV=production\nNEXT_PUBLIC_SITE=https://shop.example\nHOSTNAME=0.0.0.0-host\n");

    Redactor redactor = Redactor.of(Optional.of(env), Map.of());

    assertThat(redactor.apply("add it to ROOT/shared/.env.production; site https://shop.example"))
        .isEqualTo("add it to ROOT/shared/.env.production; site https://shop.example");
  }

  @Test
  void aValueContainingAnotherIsReplacedWhole() throws Exception {
    assertThat(redactor().apply("url postgres://u:s3cret-pass@db/x")).isEqualTo("url [redacted:DB_URL]");
  }

  @Test
  void bytesThatAreNotUtf8AroundASecretAreKept() throws Exception {
    byte[] log = new byte[] {(byte) 0xff, 't', 'o', 'k', '-', '1', '2', '3', '4', '5', '6', (byte) 0xfe};

    byte[] redacted = redactor().apply(log);

    assertThat(redacted[0]).isEqualTo((byte) 0xff);
    assertThat(redacted[redacted.length - 1]).isEqualTo((byte) 0xfe);
    assertThat(new String(redacted, 1, redacted.length - 2, StandardCharsets.ISO_8859_1)).isEqualTo("[redacted:API_TOKEN]");
  }

  @Test
  void aFailuresMessageEvidenceAndFixAreRedacted() throws Exception {
    SlipwayException failure = new SlipwayException(FailureKind.SMOKE_FAILED, "APP_CRASHED",
        "the app exited: Error: cannot connect with s3cret-pass", "Error: cannot connect with s3cret-pass", "check tok-123456");

    SlipwayException redacted = redactor().apply(failure);

    assertThat(redacted.getMessage() + redacted.evidence() + redacted.fix()).doesNotContain("s3cret-pass", "tok-123456");
    assertThat(redacted.evidence()).isEqualTo("Error: cannot connect with [redacted:DB_PASSWORD]");
    assertThat(redacted.causeCode()).isEqualTo("APP_CRASHED");
  }
}
