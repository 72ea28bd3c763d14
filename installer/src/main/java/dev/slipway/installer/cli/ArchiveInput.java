package dev.slipway.installer.cli;

import dev.slipway.format.ConsoleReporter;
import dev.slipway.installer.archive.ArchiveVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code verify} and {@code unpack} are given: the archive, how to check it (its checksum and,
 * with trusted keys, its signature) and whether to answer in JSON. One mixin, so the two commands
 * cannot drift apart (issue #19).
 */
final class ArchiveInput {
  @Parameters(index = "0", description = "The .tar.gz written by packager")
  Path archive;

  @Option(names = "--sha256", description = "Expected SHA-256, instead of the .sha256 sidecar")
  String sha256;

  @Option(names = "--json", description = "Print one JSON result object on stdout")
  boolean json;

  @Mixin TrustOptions trust;

  /** Checks the archive without writing anything. */
  ArchiveVerifier.Result verify(ConsoleReporter reporter) throws IOException {
    return ArchiveVerifier.verify(archive, Optional.ofNullable(sha256), trust.policy(), reporter);
  }

  /** Checks the archive while unpacking it into {@code into}. */
  ArchiveVerifier.Result unpack(Path into, ConsoleReporter reporter) throws IOException {
    return ArchiveVerifier.unpack(archive, Optional.ofNullable(sha256), trust.policy(), into, reporter);
  }
}
