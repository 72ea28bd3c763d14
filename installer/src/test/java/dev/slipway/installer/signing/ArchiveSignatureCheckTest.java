package dev.slipway.installer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.Reporter;
import dev.slipway.format.Sha256;
import dev.slipway.format.Sidecar;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.signature.Minisign;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.format.signature.SignatureFile;
import dev.slipway.format.signature.TrustedComment;
import dev.slipway.installer.archive.ArchiveChecksum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature step on its own (issue #22), with signatures made by our own signer; the real
 * minisign and real installs are in {@code SignedArchivesIT}.
 */
class ArchiveSignatureCheckTest {
  @TempDir Path tmp;
  Path archive;
  String sha;
  final SecretKey oldKey = SecretKey.generate();
  final SecretKey newKey = SecretKey.generate();

  @BeforeEach
  void anArchive() throws Exception {
    archive = Files.writeString(tmp.resolve("shop-1.0.0-b1.tar.gz"), "not really a tar.gz, the check does not care");
    sha = Sha256.of(archive);
  }

  @Test
  void withNoTrustedKeyNothingIsCheckedEvenAGarbageSignature() throws Exception {
    Files.writeString(SignatureFile.pathFor(archive), "garbage");
    SignatureVerdict verdict = ArchiveSignatureCheck.run(archive, new TrustedKeys(List.of()), false, Reporter.SILENT);
    assertThat(verdict).isEqualTo(SignatureVerdict.NOT_CHECKED);
    assertThat(verdict.recorded()).isNull();
  }

  @Test
  void duringARotationBothKeysAreTrustedAndTheSignerIsNamed() throws Exception {
    sign(newKey, TrustedComment.forArchive("shop", "1.0.0", "b1", sha));
    TrustedKeys both = new TrustedKeys(List.of(oldKey.publicKey(), newKey.publicKey()));

    SignatureVerdict verdict = ArchiveSignatureCheck.run(archive, both, false, Reporter.SILENT);

    assertThat(verdict.signedBy()).contains(newKey.id().toString());
    assertThat(verdict.sha256()).contains(sha);
  }

  @Test
  void aVerifiedSignatureMakesTheSidecarOptionalButOneThatDisagreesIsAMismatch() throws Exception {
    assertThat(ArchiveChecksum.expected(archive, Optional.empty(), Optional.of(sha))).isEqualTo(sha);

    Sidecar.write(archive, "0".repeat(64));
    assertThatThrownBy(() -> ArchiveChecksum.expected(archive, Optional.empty(), Optional.of(sha)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("CHECKSUM_MISMATCH"));
    assertThatThrownBy(() -> ArchiveChecksum.expected(archive, Optional.of("1".repeat(64)), Optional.of(sha)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("CHECKSUM_MISMATCH"));
  }

  @Test
  void allowUnsignedLetsOnlyAMissingSignatureThrough() throws Exception {
    TrustedKeys trusted = new TrustedKeys(List.of(oldKey.publicKey()));
    SignatureVerdict verdict = ArchiveSignatureCheck.run(archive, trusted, true, Reporter.SILENT);
    assertThat(verdict.recorded()).isEqualTo(SignatureVerdict.UNSIGNED);

    sign(newKey, TrustedComment.forArchive("shop", "1.0.0", "b1", sha));
    assertThatThrownBy(() -> ArchiveSignatureCheck.run(archive, trusted, true, Reporter.SILENT))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("SIGNATURE_UNTRUSTED_KEY");
          assertThat(e.getMessage()).contains(newKey.id().toString()).contains(oldKey.id().toString());
        });
  }

  @Test
  void aMalformedKeyInTheRootsTrustedKeysIsAUsageErrorNamingTheFile() throws Exception {
    Path keys = Files.createDirectories(tmp.resolve("shared/trusted-keys"));
    Files.writeString(keys.resolve("ci.pub"), oldKey.publicKey().fileText());
    Files.writeString(keys.resolve("broken.pub"), "untrusted comment: x\nnot a key\n");
    Files.writeString(keys.resolve("README"), "not a .pub: ignored");

    assertThatThrownBy(() -> TrustedKeys.load(SignaturePolicy.DEFAULT, Optional.of(tmp.resolve("shared"))))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("BAD_TRUSTED_KEY");
          assertThat(e.getMessage()).contains("broken.pub");
        });
    Files.delete(keys.resolve("broken.pub"));
    assertThat(TrustedKeys.load(SignaturePolicy.DEFAULT, Optional.of(tmp.resolve("shared"))).keys())
        .containsExactly(oldKey.publicKey());
  }

  @Test
  void asRootAKeyAnotherUserCouldHavePlantedIsRefused() throws Exception {
    assertThat(dev.slipway.installer.layout.StateOwnership.runningAsRoot()).as("the suite runs as root, as CI does").isTrue();
    Path shared = tmp.resolve("shared");
    Path keys = Files.createDirectories(shared.resolve("trusted-keys"));
    Path key = Files.writeString(keys.resolve("ci.pub"), oldKey.publicKey().fileText());
    assertThat(TrustedKeys.load(SignaturePolicy.DEFAULT, Optional.of(shared)).keys()).hasSize(1);

    Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxr-x"));
    assertRefused(shared, keys + " can be written by its group");
    Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

    Files.setAttribute(key, "unix:uid", 65534);
    assertRefused(shared, key + " belongs to user id 65534");
    Files.setAttribute(key, "unix:uid", 0);

    Files.delete(key);
    Files.createSymbolicLink(key, Files.writeString(tmp.resolve("elsewhere.pub"), oldKey.publicKey().fileText()));
    assertRefused(shared, key + " is a symbolic link");
  }

  private static void assertRefused(Path shared, String message) {
    assertThatThrownBy(() -> TrustedKeys.load(SignaturePolicy.DEFAULT, Optional.of(shared)))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.causeCode()).isEqualTo("TRUSTED_KEYS_WRITABLE_BY_OTHERS");
          assertThat(e.getMessage()).startsWith(message);
          assertThat(e.kind().exitCode()).isEqualTo(28);
        });
  }

  private void sign(SecretKey key, TrustedComment comment) throws Exception {
    Files.writeString(SignatureFile.pathFor(archive), Minisign.sign(key, archive, comment).text());
  }
}
