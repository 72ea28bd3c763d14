package dev.slipway.installer.signing;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.TerminalText;
import dev.slipway.format.signature.Minisign;
import dev.slipway.format.signature.PublicKey;
import dev.slipway.format.signature.SignatureFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step 2 of an install, before the checksum (issue #22): with at least one trusted key, the
 * archive's {@code ARCHIVE.minisig} must be a valid minisign signature by one of them, over exactly
 * these bytes, with the trusted comment that was signed, naming this archive's SHA-256 when it
 * names one. Nothing is unpacked before this passes.
 */
public final class ArchiveSignatureCheck {
  private static final String RESIGN = "sign the archive again in CI (packager package --sign-key) and copy the archive and its .minisig together";

  private ArchiveSignatureCheck() {}

  public static SignatureVerdict run(Path archive, TrustedKeys trusted, boolean allowUnsigned, Reporter reporter) throws IOException {
    Path signatureFile = SignatureFile.pathFor(archive);
    if (trusted.isEmpty() || !Files.isRegularFile(archive)) {
      if (Files.exists(signatureFile)) {
        // Said, so that nobody takes a signed archive for a checked one.
        reporter.step(name(signatureFile) + " not checked: no key is trusted (ROOT/shared/trusted-keys/*.pub or --trusted-key)");
      }
      return SignatureVerdict.NOT_CHECKED; // a missing archive is refused by the checksum step, as before
    }
    if (!Files.isRegularFile(signatureFile)) {
      if (allowUnsigned) {
        reporter.warn("--allow-unsigned: " + name(archive) + " has no signature (" + name(signatureFile)
            + ") and is accepted anyway; the history records it as unsigned");
        return new SignatureVerdict(Optional.empty(), Optional.empty(), true);
      }
      throw new SlipwayException(FailureKind.INTEGRITY, "SIGNATURE_MISSING",
          name(archive) + " has no signature: " + name(signatureFile) + " is missing, and this root trusts keys " + trusted.ids(),
          null, "copy the .minisig the packager wrote next to the archive (package with --sign-key), "
              + "or pass --allow-unsigned to install this one archive unsigned (it is logged)");
    }
    reporter.step("checking the signature " + name(signatureFile));
    SignatureFile signature = SignatureFile.read(signatureFile);
    PublicKey key = trusted.find(signature.keyId()).orElseThrow(() -> new SlipwayException(FailureKind.INTEGRITY,
        "SIGNATURE_UNTRUSTED_KEY",
        name(archive) + " is signed by key " + signature.keyId() + ", which is not trusted here (trusted: " + trusted.ids() + ")",
        null, "if key " + signature.keyId() + " is yours (a rotation), put its .pub file into ROOT/shared/trusted-keys/ "
            + "or pass --trusted-key; otherwise do not install this archive"));
    Minisign.Verification result = Minisign.verify(signature, key, archive);
    if (!result.signatureValid()) {
      throw new SlipwayException(FailureKind.INTEGRITY, "SIGNATURE_INVALID",
          "the signature of " + name(archive) + " by key " + key.id() + " does not match its bytes: the archive or its signature was altered",
          null, RESIGN);
    }
    if (!result.commentValid()) {
      throw new SlipwayException(FailureKind.INTEGRITY, "SIGNATURE_INVALID",
          "the trusted comment of " + name(signatureFile) + " is not the one key " + key.id() + " signed: it was altered",
          "trusted comment: " + TerminalText.escape(signature.trustedComment().text()), RESIGN);
    }
    Optional<String> named = signature.trustedComment().sha256();
    if (named.isPresent() && !named.get().equals(result.sha256())) {
      throw new SlipwayException(FailureKind.INTEGRITY, "SIGNATURE_WRONG_ARCHIVE",
          "the signature of " + name(archive) + " is valid, but its trusted comment names another archive: sha256 "
              + named.get() + ", while this archive's is " + result.sha256(),
          "trusted comment: " + TerminalText.escape(signature.trustedComment().text()),
          "sign each archive on its own (packager package --sign-key writes the comment for the archive it signs), then copy it again");
    }
    reporter.step("signature by trusted key " + key.id() + " verified");
    return new SignatureVerdict(Optional.of(key.id().toString()), Optional.of(result.sha256()), false);
  }

  private static String name(Path file) {
    return TerminalText.escape(file.getFileName().toString());
  }
}
