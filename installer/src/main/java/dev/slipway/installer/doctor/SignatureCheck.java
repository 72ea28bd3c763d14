package dev.slipway.installer.doctor;

import dev.slipway.format.SlipwayException;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRecord;
import dev.slipway.installer.signing.SignaturePolicy;
import dev.slipway.installer.signing.SignatureVerdict;
import dev.slipway.installer.signing.TrustedKeys;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code signature} (issue #22), only for a root with {@code shared/trusted-keys/*.pub}: a root
 * that requires signed archives whose live release was installed without a verified signature
 * (with {@code --allow-unsigned}, before the keys were added, or by an older installer) is not
 * what its operator believes it is.
 */
final class SignatureCheck implements Check {
  static final String NAME = "signature";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException {
    TrustedKeys keys;
    try {
      keys = TrustedKeys.load(SignaturePolicy.DEFAULT, Optional.of(release.root().sharedDir()));
    } catch (SlipwayException e) {
      return CheckResult.fail(NAME, e.getMessage() + " (install refuses every archive until this is fixed)", e.fix());
    }
    String signer = new ReleaseMarks(release.root()).read(release.releaseId()).map(ReleaseRecord::signedBy).orElse(null);
    if (signer == null || signer.equals(SignatureVerdict.UNSIGNED)) {
      return CheckResult.warn(NAME,
          "this root trusts keys " + keys.ids() + ", but the live release " + release.releaseId() + " was installed "
              + (signer == null ? "without a signature check (before the keys were trusted, or by an older installer)"
                  : "unsigned, with --allow-unsigned"),
          "install a signed archive (packager package --sign-key) to replace it");
    }
    boolean stillTrusted = keys.keys().stream().anyMatch(k -> k.id().toString().equals(signer));
    return CheckResult.ok(NAME, "the live release was installed from an archive signed by key " + signer
        + (stillTrusted ? ", trusted here" : ", which is no longer among the trusted keys (" + keys.ids() + "): the next install must be signed by one of those"));
  }
}
