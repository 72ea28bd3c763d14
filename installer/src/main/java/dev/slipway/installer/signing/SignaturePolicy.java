package dev.slipway.installer.signing;

import java.nio.file.Path;
import java.util.List;

/**
 * What the operator said about signatures (issue #22): {@code --trusted-key} files (besides the
 * root's {@code shared/trusted-keys/*.pub}) and {@code --allow-unsigned}.
 */
public record SignaturePolicy(List<Path> trustedKeyFiles, boolean allowUnsigned) {
  /** No option given: only the root's own trusted keys apply. */
  public static final SignaturePolicy DEFAULT = new SignaturePolicy(List.of(), false);

  public SignaturePolicy {
    trustedKeyFiles = List.copyOf(trustedKeyFiles);
  }
}
