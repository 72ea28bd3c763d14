package dev.slipway.installer.signing;

import java.util.Optional;

/**
 * What the signature check decided about an archive, before anything was unpacked.
 *
 * @param signedBy the key id of a valid signature by a trusted key; empty when no key is trusted
 *     or {@code --allow-unsigned} let an unsigned archive in
 * @param sha256 the archive's SHA-256 read in the same pass as the signature's hash: the unpack
 *     must see exactly these bytes; empty when no signature was checked
 * @param unsignedAllowed trusted keys were set, the archive had no signature, and {@code --allow-unsigned} let it in
 */
public record SignatureVerdict(Optional<String> signedBy, Optional<String> sha256, boolean unsignedAllowed) {
  /** The word history and release marks record: a key id, {@code unsigned} when let in unsigned, or null. */
  public static final String UNSIGNED = "unsigned";

  public static final SignatureVerdict NOT_CHECKED = new SignatureVerdict(Optional.empty(), Optional.empty(), false);

  public String recorded() {
    return signedBy.orElse(unsignedAllowed ? UNSIGNED : null);
  }
}
