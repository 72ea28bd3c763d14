package dev.slipway.installer.signing;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.format.signature.KeyId;
import dev.slipway.format.signature.PublicKey;
import dev.slipway.installer.layout.StateOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys an archive may be signed with (issue #22): each {@code --trusted-key} file and
 * every {@code *.pub} in {@code ROOT/shared/trusted-keys/}. Several at once is how a key is
 * rotated: trust the new one, sign with it, then remove the old one.
 */
public record TrustedKeys(List<PublicKey> keys) {
  public static final String FOLDER = "trusted-keys";

  public TrustedKeys {
    keys = List.copyOf(keys);
  }

  /** The keys {@code policy} names and those of {@code sharedDir}/trusted-keys when given; a bad file is BAD_TRUSTED_KEY (exit 2). */
  public static TrustedKeys load(SignaturePolicy policy, Optional<Path> sharedDir) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : policy.trustedKeyFiles()) {
      keys.add(read(file));
    }
    for (Path file : inFolder(sharedDir)) {
      keys.add(read(file));
    }
    return new TrustedKeys(keys);
  }

  /**
   * The {@code *.pub} files of {@code ROOT/shared/trusted-keys}, sorted; none when the folder is
   * absent. As root, refuses keys that someone else could have put there ({@link TrustedKeysOwnership}).
   */
  public static List<Path> inFolder(Optional<Path> sharedDir) throws IOException {
    if (sharedDir.isEmpty() || !Files.isDirectory(sharedDir.get().resolve(FOLDER))) {
      return List.of();
    }
    Path folder = sharedDir.get().resolve(FOLDER);
    boolean asRoot = StateOwnership.runningAsRoot();
    if (asRoot) {
      TrustedKeysOwnership.check(sharedDir.get(), folder);
      TrustedKeysOwnership.check(folder, folder);
    }
    List<Path> keys;
    try (Stream<Path> files = Files.list(folder)) {
      keys = files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList();
    }
    if (asRoot) {
      keys.forEach(key -> TrustedKeysOwnership.check(key, folder));
    }
    return keys;
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public Optional<PublicKey> find(KeyId id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** "A, B": the ids, as minisign prints them. */
  public String ids() {
    return String.join(", ", keys.stream().map(k -> k.id().toString()).distinct().toList());
  }

  private static PublicKey read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SlipwayException(FailureKind.USAGE, "BAD_TRUSTED_KEY", "trusted key " + file + " does not exist or is not a file",
          null, "pass the .pub file `minisign -G` or `packager keygen` wrote");
    }
    return PublicKey.read(file);
  }
}
