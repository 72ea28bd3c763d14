package dev.slipway.installer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.InstallRequest;
import dev.slipway.installer.Installer;
import dev.slipway.installer.release.Step;
import dev.slipway.installer.StepHook;
import dev.slipway.testkit.MinisignTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22 with the real installer jar and the real minisign: an archive signed by a trusted key
 * is installed, and every way a signature can be wrong is refused (exit 20) before anything is
 * unpacked, with the live release untouched.
 */
class SignedArchivesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Root root;

  @AfterEach
  void stopWhatWeStarted() throws Exception {
    if (root != null) {
      root.killProcesses();
    }
  }

  @Test
  void archivesSignedWithMinisignInstallAndTheSignerIsShownByInstallVerifyListAndHistory() throws Exception {
    root = Root.create(tmp.resolve("root"));
    String keyId = trust("ci");
    Path first = copy(TinyApps.archive("a1"), "first");
    sign(first, "ci", "-S");
    Path second = copy(TinyApps.archive("a2"), "second");
    sign(second, "ci", "-S", "-l"); // legacy, not pre-hashed
    Files.delete(second.resolveSibling(second.getFileName() + ".sha256")); // the signature vouches for it

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", first.toString(), "--root", root.arg());
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.stdout()).contains("signed by " + keyId);
    Cli.Result legacy = Cli.run(tmp.resolve("logs"), "install", second.toString(), "--root", root.arg());
    assertThat(legacy.exitCode()).as(legacy.toString()).isZero();

    List<JsonNode> history = root.history();
    assertThat(history.get(history.size() - 1).get("signedBy").asText()).isEqualTo(keyId);
    Cli.Result list = Cli.run(tmp.resolve("logs"), "list", "--root", root.arg(), "--json");
    assertThat(JSON.readTree(list.stdout()).get(0).get("signedBy").asText()).isEqualTo(keyId);
    Cli.Result table = Cli.run(tmp.resolve("logs"), "list", "--root", root.arg());
    assertThat(table.stdout()).contains("SIGNED BY").contains(keyId);
    Cli.Result verify = Cli.run(tmp.resolve("logs"), "verify", first.toString(), "--trusted-key", tmp.resolve("ci.pub").toString(), "--json");
    assertThat(JSON.readTree(verify.stdout()).get("signedBy").asText()).isEqualTo(keyId);
  }

  @Test
  void everyWrongSignatureIsRefusedBeforeUnpackingAndTheLiveReleaseStays() throws Exception {
    root = Root.create(tmp.resolve("root"));
    trust("ci");
    MinisignTool.generate(tmp, "stranger");
    Path good = copy(TinyApps.archive("a1"), "good");
    sign(good, "ci", "-S");
    Cli.Result first = Cli.run(tmp.resolve("logs"), "install", good.toString(), "--root", root.arg());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String live = root.requireLive();
    String goodSha = Files.readString(good.resolveSibling(good.getFileName() + ".sha256")).substring(0, 64);

    Path missing = copy(TinyApps.archive("a2"), "missing");
    refused(missing, "SIGNATURE_MISSING", live);

    Path flippedArchive = copy(TinyApps.archive("a2"), "flipped-archive");
    sign(flippedArchive, "ci", "-S");
    flip(flippedArchive, (int) (Files.size(flippedArchive) / 2));
    refused(flippedArchive, "SIGNATURE_INVALID", live);

    Path flippedSignature = copy(TinyApps.archive("a2"), "flipped-signature");
    sign(flippedSignature, "ci", "-S");
    flipSignatureByte(flippedSignature);
    refused(flippedSignature, "SIGNATURE_INVALID", live);

    Path editedComment = copy(TinyApps.archive("a2"), "edited-comment");
    sign(editedComment, "ci", "-S", "-t", "app:tiny\tversion:1.0.0");
    Path sig = signatureOf(editedComment);
    Files.writeString(sig, Files.readString(sig).replace("version:1.0.0", "version:9.9.9"));
    refused(editedComment, "SIGNATURE_INVALID", live);

    Path untrusted = copy(TinyApps.archive("a2"), "untrusted");
    sign(untrusted, "stranger", "-S");
    refused(untrusted, "SIGNATURE_UNTRUSTED_KEY", live);

    Path otherArchive = copy(TinyApps.archive("a2"), "names-another");
    sign(otherArchive, "ci", "-S", "-t", "app:tiny\tsha256:" + goodSha);
    refused(otherArchive, "SIGNATURE_WRONG_ARCHIVE", live);

    assertThat(root.releases()).containsExactly(live);
  }

  @Test
  void allowUnsignedInstallsAnUnsignedArchiveRecordsItAndDoctorWarns() throws Exception {
    root = Root.create(tmp.resolve("root"));
    trust("ci");
    Path unsigned = copy(TinyApps.archive("a1"), "unsigned");

    Cli.Result install = Cli.run(tmp.resolve("logs"), "install", unsigned.toString(), "--root", root.arg(), "--allow-unsigned");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.stderrText()).contains("warning: --allow-unsigned: ");
    List<JsonNode> history = root.history();
    assertThat(history.get(history.size() - 1).get("signedBy").asText()).isEqualTo("unsigned");
    Cli.Result doctor = Cli.run(tmp.resolve("logs"), "doctor", "--root", root.arg(), "--allow-root-app", "--json");
    JsonNode signature = null;
    for (JsonNode check : JSON.readTree(doctor.stdout()).get("checks")) {
      if (check.get("check").asText().equals("signature")) {
        signature = check;
      }
    }
    assertThat(signature).as(doctor.toString()).isNotNull();
    assertThat(signature.get("verdict").asText()).isEqualTo("warn");
    assertThat(signature.get("detail").asText()).contains("--allow-unsigned");
  }

  @Test
  void anArchiveSwappedAfterItsSignatureWasCheckedFailsTheUnpacksChecksum() throws Exception {
    root = Root.create(tmp.resolve("root"));
    trust("ci");
    Path archive = copy(TinyApps.archive("a1"), "swapped");
    sign(archive, "ci", "-S");
    Files.delete(archive.resolveSibling(archive.getFileName() + ".sha256"));
    byte[] other = Files.readAllBytes(TinyApps.archive("a2"));
    // Between the signature check (step verify) and the unpack, someone replaces the archive.
    StepHook swap = step -> {
      if (step == Step.UNPACK) {
        try {
          Files.write(archive, other);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
    Installer installer = new Installer(Reporter.SILENT, Map.of(), Clock.systemUTC(), swap);

    assertThatThrownBy(() -> installer.install(InstallRequest.of(archive, root.path())))
        .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.causeCode()).isEqualTo("CHECKSUM_MISMATCH"));
    assertThat(root.live()).isEmpty();
    assertThat(root.releases()).isEmpty();
    assertThat(root.stagingDirs()).isEmpty();
  }

  private void refused(Path archive, String cause, String live) throws IOException {
    Cli.Result run = Cli.run(tmp.resolve("logs"), "install", archive.toString(), "--root", root.arg());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(20);
    assertThat(run.errorLine()).as(run.toString()).startsWith("error: " + cause + ": ");
    assertThat(run.stderrText()).as("nothing was unpacked").doesNotContain("unpacking");
    assertThat(root.requireLive()).isEqualTo(live);
    assertThat(root.stagingDirs()).isEmpty();
    List<JsonNode> history = root.history();
    assertThat(history.get(history.size() - 1).get("causeCode").asText()).isEqualTo(cause);
  }

  /** A key pair NAME.key / NAME.pub in tmp, its public key trusted by the root; returns its id. */
  private String trust(String name) throws Exception {
    MinisignTool.generate(tmp, name);
    Path keys = Files.createDirectories(root.path().resolve("shared/trusted-keys"));
    Files.copy(tmp.resolve(name + ".pub"), keys.resolve(name + ".pub"));
    String comment = Files.readAllLines(tmp.resolve(name + ".pub")).get(0);
    // minisign 0.11 prints the id without leading zeros; Slipway always shows 16 digits, as later minisigns do.
    return String.format("%16s", comment.substring(comment.lastIndexOf(' ') + 1)).replace(' ', '0');
  }

  private void sign(Path archive, String key, String... options) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(options));
    args.addAll(List.of("-s", key + ".key", "-m", archive.toString()));
    MinisignTool.Run run = MinisignTool.run(tmp, null, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  /** The archive and its .sha256 in a folder of their own, so that a test can alter them. */
  private Path copy(Path archive, String folder) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(folder));
    Path sidecar = archive.resolveSibling(archive.getFileName() + ".sha256");
    Files.copy(sidecar, dir.resolve(sidecar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    return Files.copy(archive, dir.resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path signatureOf(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".minisig");
  }

  private static void flip(Path file, int at) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[at] ^= 1;
    Files.write(file, bytes);
  }

  private static void flipSignatureByte(Path archive) throws IOException {
    Path sig = signatureOf(archive);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(sig));
    byte[] decoded = Base64.getDecoder().decode(lines.get(1));
    decoded[20] ^= 1; // inside the 64 signature bytes (after "ED" and the key id)
    lines.set(1, Base64.getEncoder().encodeToString(decoded));
    Files.write(sig, lines);
  }
}
