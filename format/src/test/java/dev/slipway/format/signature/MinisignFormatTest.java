package dev.slipway.format.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our reading and writing of minisign's files against files the real minisign 0.11 wrote (the
 * resources next to this class: test-only keys, {@code pw-for-tests} is the encrypted one's
 * password). The packager and installer suites run the minisign binary itself both ways.
 */
class MinisignFormatTest {
  @TempDir Path tmp;

  @Test
  void aPrehashedSignatureFromMinisignVerifiesAndYieldsTheFilesSha256() throws Exception {
    Path content = resource("content.bin");
    Minisign.Verification result = Minisign.verify(signature("content.bin.minisig"), key("plain.pub"), content);

    assertThat(result.valid()).isTrue();
    assertThat(result.sha256()).isEqualTo(sha256(Files.readAllBytes(content)));
    assertThat(signature("content.bin.minisig").prehashed()).isTrue();
  }

  @Test
  void aLegacySignatureFromMinisignVerifies() throws Exception {
    SignatureFile legacy = signature("content.bin.legacy.minisig");
    assertThat(legacy.prehashed()).isFalse();
    assertThat(Minisign.verify(legacy, key("plain.pub"), resource("content.bin")).valid()).isTrue();
  }

  @Test
  void theKeyIdIsTheOneMinisignPrints() throws Exception {
    String comment = Files.readAllLines(resource("plain.pub")).get(0);
    assertThat(comment).endsWith(" " + key("plain.pub").id());
    assertThat(key("plain.pub").fileText()).isEqualTo(Files.readString(resource("plain.pub")));
  }

  @Test
  void aFlippedByteInTheFileFailsTheSignature() throws Exception {
    byte[] bytes = Files.readAllBytes(resource("content.bin"));
    bytes[3] ^= 1;
    Path altered = Files.write(tmp.resolve("content.bin"), bytes);
    for (String name : new String[] {"content.bin.minisig", "content.bin.legacy.minisig"}) {
      Minisign.Verification result = Minisign.verify(signature(name), key("plain.pub"), altered);
      assertThat(result.signatureValid()).as(name).isFalse();
      assertThat(result.valid()).as(name).isFalse();
    }
  }

  @Test
  void anAlteredTrustedCommentFailsOnlyTheCommentSignature() throws Exception {
    String text = Files.readString(resource("content.bin.minisig")).replace("file:content.bin", "file:content.bix");
    Minisign.Verification result = Minisign.verify(SignatureFile.parse(text), key("plain.pub"), resource("content.bin"));
    assertThat(result.signatureValid()).isTrue();
    assertThat(result.commentValid()).isFalse();
  }

  @Test
  void aFlippedByteInTheSignatureFailsIt() throws Exception {
    SignatureFile good = signature("content.bin.minisig");
    byte[] signature = good.signature();
    signature[10] ^= 1;
    SignatureFile bad = new SignatureFile(true, good.keyId(), signature, good.untrustedComment(), good.trustedComment(),
        good.globalSignature());
    assertThat(Minisign.verify(bad, key("plain.pub"), resource("content.bin")).valid()).isFalse();
  }

  @Test
  void anUnencryptedMinisignKeySignsWhatItsPublicKeyVerifies() throws Exception {
    SecretKey secret = SecretKeyFile.read(resource("plain.key"), Optional.empty());
    assertThat(secret.publicKey()).isEqualTo(key("plain.pub"));
    SignatureFile signed = Minisign.sign(secret, resource("content.bin"),
        TrustedComment.forArchive("shop", "1.0.0", "b1", sha256(new byte[0])));
    assertThat(Minisign.verify(signed, key("plain.pub"), resource("content.bin")).valid()).isTrue();
  }

  @Test
  void ourSignatureOfAFileIsTheBytesMinisignWritesForTheSameComment() throws Exception {
    // Ed25519 is deterministic: the same key, file and trusted comment must give minisign's file exactly.
    SecretKey secret = SecretKeyFile.read(resource("plain.key"), Optional.empty());
    SignatureFile theirs = signature("content.bin.minisig");
    SignatureFile ours = Minisign.sign(secret, resource("content.bin"), theirs.trustedComment());
    assertThat(ours.signature()).isEqualTo(theirs.signature());
    assertThat(ours.globalSignature()).isEqualTo(theirs.globalSignature());
    assertThat(SignatureFile.parse(ours.text())).usingRecursiveComparison().isEqualTo(ours);
  }

  @Test
  void anEncryptedMinisignKeyOpensWithItsPasswordOnly() throws Exception {
    SecretKey secret = SecretKeyFile.read(resource("encrypted.key"), Optional.of(bytes("pw-for-tests")));
    assertThat(secret.publicKey()).isEqualTo(key("encrypted.pub"));

    // (A wrong password is tried on a key of ours with small limits below: minisign's take 1 GiB and seconds.)
    assertThatThrownBy(() -> SecretKeyFile.read(resource("encrypted.key"), Optional.empty()))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("SIGN_KEY_PASSWORD_MISSING"));
  }

  @Test
  void aKeyWeEncryptOpensWithItsPasswordOnlyAndMinisignsLimitsGiveItsScryptParameters() {
    SecretKey secret = SecretKey.generate();
    var small = new SecretKeyFile.KdfLimits(524_288L, 16_777_216L); // libsodium's INTERACTIVE limits
    String text = SecretKeyFile.text(secret, Optional.of(bytes("pw")), small);
    assertThat(SecretKeyFile.parse(text, Optional.of(bytes("pw"))).publicKey()).isEqualTo(secret.publicKey());
    assertThatThrownBy(() -> SecretKeyFile.parse(text, Optional.of(bytes("wrong"))))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("SIGN_KEY_WRONG_PASSWORD"));
    assertThat(SecretKeyFile.scryptParameters(33_554_432L, 1_073_741_824L)).containsExactly(1L << 20, 8, 1);
    assertThat(SecretKeyFile.scryptParameters(524_288L, 16_777_216L)).containsExactly(1L << 14, 8, 1);
  }

  @Test
  void malformedFilesAreRefusedWithTheirOwnCauseCodes() {
    assertThatThrownBy(() -> SignatureFile.parse("untrusted comment: x\nnot base64!\n"))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("SIGNATURE_INVALID"));
    assertThatThrownBy(() -> PublicKey.parse("untrusted comment: x\n" + Base64.getEncoder().encodeToString(new byte[10])))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("BAD_TRUSTED_KEY"));
    assertThatThrownBy(() -> SecretKeyFile.parse("just one line", Optional.empty()))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("BAD_SIGN_KEY"));
  }

  @Test
  void theTrustedCommentCarriesTheArchivesFields() {
    String sha = sha256(bytes("x"));
    TrustedComment comment = TrustedComment.forArchive("shop", "1.4.0", "abc", sha.toUpperCase());
    assertThat(comment.fields()).containsEntry("app", "shop").containsEntry("version", "1.4.0").containsEntry("buildId", "abc");
    assertThat(comment.sha256()).contains(sha);
    assertThat(new TrustedComment("timestamp:1\tfile:x\thashed").sha256()).isEmpty();
  }

  private static SignatureFile signature(String name) throws Exception {
    return SignatureFile.read(resource(name));
  }

  private static PublicKey key(String name) throws Exception {
    return PublicKey.read(resource(name));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(MinisignFormatTest.class.getResource(name).toURI());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
