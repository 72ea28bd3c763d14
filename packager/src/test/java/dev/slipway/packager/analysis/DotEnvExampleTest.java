package dev.slipway.packager.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvExampleTest {
  @TempDir Path dir;

  private DotEnvExample read(String content) throws IOException {
    return DotEnvExample.read(Files.writeString(dir.resolve(".env.example"), content));
  }

  @Test
  void namesAreRequiredUnlessTheirLineSaysOptional() throws IOException {
    DotEnvExample example =
        read(
            """
            DATABASE_URL=postgres://user:pass@localhost/db
            SENTRY_DSN= # optional
            NEXTAUTH_SECRET=change-me
            """);

    assertThat(example.required()).containsExactly("DATABASE_URL", "NEXTAUTH_SECRET");
    assertThat(example.optional()).containsExactly("SENTRY_DSN");
  }

  @Test
  void namesComeOutSorted() throws IOException {
    DotEnvExample example = read("ZED=1\nALPHA=2\nMIDDLE=3\n");

    assertThat(example.required()).containsExactly("ALPHA", "MIDDLE", "ZED");
  }

  @Test
  void skipsBlankAndCommentLinesAndAcceptsExport() throws IOException {
    DotEnvExample example =
        read(
            """
            # Database
               # indented comment: NOT_A_NAME=1

            export REDIS_URL=redis://localhost:6379
            export\tLOG_LEVEL=info # optional
            """);

    assertThat(example.required()).containsExactly("REDIS_URL");
    assertThat(example.optional()).containsExactly("LOG_LEVEL");
  }

  @Test
  void theOptionalMarkerIgnoresCaseAndMayCarryAReason() throws IOException {
    DotEnvExample example =
        read(
            """
            A=1 # OPTIONAL
            B=2 #Optional: defaults to 2
            C=3 # optional - only for uploads
            D=4 # optionally set this
            E=5 # not optional
            """);

    assertThat(example.optional()).containsExactly("A", "B", "C");
    assertThat(example.required()).containsExactly("D", "E");
  }

  @Test
  void aHashInsideAQuotedValueIsNotAComment() throws IOException {
    DotEnvExample example =
        read(
            """
            IN_VALUE="abc # optional"
            AFTER_VALUE="abc" # optional
            SINGLE_IN='abc # optional'
            SINGLE_AFTER='abc' # optional
            ESCAPED="say \\"hi\\" # optional"
            """);

    assertThat(example.required()).containsExactly("ESCAPED", "IN_VALUE", "SINGLE_IN");
    assertThat(example.optional()).containsExactly("AFTER_VALUE", "SINGLE_AFTER");
  }

  @Test
  void aQuotedValueMaySpanLines() throws IOException {
    DotEnvExample example =
        read(
            """
            PRIVATE_KEY="-----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            not a name = at all
            -----END PRIVATE KEY-----" # optional
            AFTER=1
            """);

    assertThat(example.optional()).containsExactly("PRIVATE_KEY");
    assertThat(example.required()).containsExactly("AFTER");
  }

  @Test
  void aBareNameDeclaresIt() throws IOException {
    DotEnvExample example = read("API_TOKEN\nFEATURE_FLAG # optional\n");

    assertThat(example.required()).containsExactly("API_TOKEN");
    assertThat(example.optional()).containsExactly("FEATURE_FLAG");
  }

  @Test
  void aRepeatedNameTakesItsLastLinesMarking() throws IOException {
    DotEnvExample example = read("PORT_X=1 # optional\nPORT_X=2\n");

    assertThat(example.required()).containsExactly("PORT_X");
    assertThat(example.optional()).isEmpty();
  }

  @Test
  void aLeadingByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
    Path file = dir.resolve(".env.production.example");
    Files.write(file, "\uFEFFFIRST=1\n".getBytes(UTF_8));

    assertThat(DotEnvExample.read(file).required()).containsExactly("FIRST");
  }

  @Test
  void anInvalidNameIsRefusedByLineNumberWithoutQuotingTheLine() throws IOException {
    assertThatThrownBy(() -> read("GOOD=1\n\n1BAD=sk_live_secretvalue\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(".env.example line 3: ")
        .hasMessageNotContaining("1BAD")
        .hasMessageNotContaining("sk_live_secretvalue");
  }

  @Test
  void dottedAndDashedNamesThatDotenvAllowsAreRefused() throws IOException {
    assertThatThrownBy(() -> read("my-var=1\n")).hasMessageStartingWith(".env.example line 1: ");
    assertThatThrownBy(() -> read("OK=1\napp.name=1\n"))
        .hasMessageStartingWith(".env.example line 2: ");
  }

  @Test
  void aLineThatIsNotAnAssignmentIsRefusedWithoutQuotingIt() throws IOException {
    assertThatThrownBy(() -> read("A=1\nsk_live_abc def\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(".env.example line 2: expected NAME=value");
  }

  @Test
  void anUnclosedQuoteIsRefusedAtTheLineItOpens() throws IOException {
    assertThatThrownBy(() -> read("A=1\nB=\"never closed\nC=3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(".env.example line 2: a quoted value is never closed");
  }

  @Test
  void valuesAreNeverKept() throws IOException {
    DotEnvExample example =
        read("STRIPE_KEY=sk_live_51HxyzRealLookingValue # optional\nDB=postgres://u:p@h/db\n");

    assertThat(example.toString()).doesNotContain("sk_live").doesNotContain("postgres");
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() {
    assertThatThrownBy(() -> DotEnvExample.read(dir.resolve(".env.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read .env.example");
  }

  @Test
  void aNameCannotBeBothRequiredAndOptional() {
    assertThatThrownBy(() -> new DotEnvExample(Set.of("A"), Set.of("A")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRecordRefusesInvalidNames() {
    assertThatThrownBy(() -> new DotEnvExample(Set.of("NOT-VALID"), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
