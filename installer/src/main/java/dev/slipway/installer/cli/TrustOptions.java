package dev.slipway.installer.cli;

import dev.slipway.installer.signing.SignaturePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The signature options of every command that accepts an archive (issue #22). */
final class TrustOptions {
  @Option(names = "--trusted-key", paramLabel = "PUBFILE",
      description = "A minisign public key the archive must be signed with (ARCHIVE.minisig); repeatable. "
          + "ROOT/shared/trusted-keys/*.pub are trusted too")
  List<Path> trustedKeys = new ArrayList<>();

  @Option(names = "--allow-unsigned",
      description = "With trusted keys: accept an archive that has no signature at all (logged as unsigned); an invalid one is still refused")
  boolean allowUnsigned;

  SignaturePolicy policy() {
    return new SignaturePolicy(trustedKeys, allowUnsigned);
  }
}
