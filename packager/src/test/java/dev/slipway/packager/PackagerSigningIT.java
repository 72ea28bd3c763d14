package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.signature.SecretKey;
import dev.slipway.format.signature.SecretKeyFile;
import dev.slipway.testkit.MinisignTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #22, packager side, with the real jar and the real minisign: what we sign, minisign verifies. */
class PackagerSigningIT {
  @TempDir Path tmp;

  @Test
  void anArchiveSignedWithAKeygenKeyPassesMinisignVerifyWithTheArchivesFieldsInItsTrustedComment() throws Exception {
    CliRun keygen = CliRun.of(CliRun.packagerJar(), Map.of(), "keygen",
        "--secret-key", tmp.resolve("ci.key").toString(), "--public-key", tmp.resolve("ci.pub").toString());
    assertThat(keygen.exitCode()).as(keygen.stderr()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("ci.key")))).isEqualTo("rw-------");
    String keyId = Files.readAllLines(tmp.resolve("ci.pub")).get(0).replaceAll(".* ", "");
    assertThat(keygen.stdout()).contains("key " + keyId);

    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun pack = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--json",
        "--sign-key", tmp.resolve("ci.key").toString());
    assertThat(pack.exitCode()).as(pack.stderr()).isZero();
    JsonNode json = Json.mapper().readTree(pack.stdout());
    Path archive = Path.of(json.get("path").asText());
    assertThat(json.get("signedBy").asText()).isEqualTo(keyId);
    assertThat(Path.of(json.get("signature").asText())).isEqualTo(archive.resolveSibling(archive.getFileName() + ".minisig"));

    MinisignTool.Run verify = MinisignTool.run(tmp, null, "-V", "-p", "ci.pub", "-m", archive.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Trusted comment: app:shop\tversion:2.0.0\tbuildId:abc123\tsha256:" + json.get("sha256").asText());

    // A flipped byte in the archive is what minisign refuses too: the signature covers the bytes.
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 1;
    Files.write(archive, bytes);
    assertThat(MinisignTool.run(tmp, null, "-V", "-p", "ci.pub", "-m", archive.toString()).exitCode()).isNotZero();
  }

  @Test
  void aKeyMinisignMadeSignsHereAndAnEncryptedKeyOfOursSignsInMinisign() throws Exception {
    MinisignTool.generate(tmp, "theirs");
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    CliRun pack = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--sign-key", tmp.resolve("theirs.key").toString());
    assertThat(pack.exitCode()).as(pack.stderr()).isZero();
    Path archive = Path.of(pack.lastStdoutLine());
    assertThat(MinisignTool.run(tmp, null, "-V", "-p", "theirs.pub", "-m", archive.toString()).exitCode()).isZero();

    // Our scrypt encryption, opened by minisign (libsodium's INTERACTIVE limits keep it at 16 MiB here).
    SecretKey ours = SecretKey.generate();
    Files.writeString(tmp.resolve("ours.key"), SecretKeyFile.text(ours, Optional.of(bytes("s3cret pw")),
        new SecretKeyFile.KdfLimits(524_288L, 16_777_216L)));
    Files.writeString(tmp.resolve("ours.pub"), ours.publicKey().fileText());
    MinisignTool.Run sign = MinisignTool.run(tmp, "s3cret pw\n", "-S", "-s", "ours.key", "-m", archive.toString(), "-x", "by-minisign.sig");
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    assertThat(MinisignTool.run(tmp, null, "-V", "-p", "ours.pub", "-m", archive.toString(), "-x", "by-minisign.sig").exitCode()).isZero();

    // And the packager opens it with the password from the environment variable the flag names.
    CliRun again = CliRun.of(CliRun.packagerJar(), Map.of("KEY_PW", "s3cret pw"), "package", project.toString(),
        "--sign-key", tmp.resolve("ours.key").toString(), "--sign-key-password-env", "KEY_PW");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(MinisignTool.run(tmp, null, "-V", "-p", "ours.pub", "-m", archive.toString()).exitCode()).isZero();
    assertThat(again.stdout() + again.stderr()).doesNotContain("s3cret");
  }

  @Test
  void aKeyThatCannotBeOpenedIsRefusedBeforeAnythingIsPackaged() throws Exception {
    SecretKey key = SecretKey.generate();
    Files.writeString(tmp.resolve("enc.key"), SecretKeyFile.text(key, Optional.of(bytes("right")),
        new SecretKeyFile.KdfLimits(524_288L, 16_777_216L)));
    Path project = SyntheticProject.create(tmp.resolve("shop"));
    Path out = tmp.resolve("out");

    CliRun wrong = CliRun.of(CliRun.packagerJar(), Map.of("KEY_PW", "wrong"), "package", project.toString(), "--out", out.toString(),
        "--sign-key", tmp.resolve("enc.key").toString(), "--sign-key-password-env", "KEY_PW");
    CliRun unset = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--out", out.toString(),
        "--sign-key", tmp.resolve("enc.key").toString(), "--sign-key-password-env", "NOT_SET_ANYWHERE");
    CliRun none = CliRun.of(CliRun.packagerJar(), Map.of(), "package", project.toString(), "--out", out.toString(),
        "--sign-key", tmp.resolve("enc.key").toString());

    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.firstStderrLine()).startsWith("error: SIGN_KEY_WRONG_PASSWORD: ");
    assertThat(unset.firstStderrLine()).startsWith("error: SIGN_KEY_PASSWORD_MISSING: ").contains("NOT_SET_ANYWHERE");
    assertThat(none.firstStderrLine()).startsWith("error: SIGN_KEY_PASSWORD_MISSING: ");
    assertThat(wrong.stderr()).doesNotContain("wrong\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void minisignsOwnEncryptedKeyNeedsMoreHeapThanTheDefaultAndSaysHowToGiveIt() throws Exception {
    MinisignTool.Run generate = MinisignTool.run(tmp, "pw\npw\n", "-G", "-s", "enc.key", "-p", "enc.pub");
    assertThat(generate.exitCode()).as(generate.output()).isZero();
    Path project = SyntheticProject.create(tmp.resolve("shop"));

    CliRun pack = CliRun.of(CliRun.packagerJar(), Map.of("KEY_PW", "pw"), "package", project.toString(), "--out", tmp.resolve("out").toString(),
        "--sign-key", tmp.resolve("enc.key").toString(), "--sign-key-password-env", "KEY_PW");

    assertThat(pack.exitCode()).isEqualTo(2);
    assertThat(pack.firstStderrLine()).startsWith("error: SIGN_KEY_NEEDS_MEMORY: ").contains("1024 MiB");
    assertThat(pack.stderr()).contains("SLIPWAY_JAVA_OPTS=-Xmx");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
