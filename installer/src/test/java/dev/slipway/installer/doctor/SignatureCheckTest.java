package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.signature.SecretKey;
import dev.slipway.installer.layout.ReleaseMarks;
import dev.slipway.installer.layout.ReleaseRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor's {@code signature} check (issue #22): only where keys are trusted, and a warning at most for what was installed. */
class SignatureCheckTest {
  @TempDir Path tmp;
  final SecretKey key = SecretKey.generate();

  @Test
  void aRootWithoutTrustedKeysHasNoSignatureCheckAtAll() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    assertThat(doctor().checks(DoctorRequest.of(release.root), release.open())).extracting(Check::name)
        .doesNotContain(SignatureCheck.NAME);
  }

  @Test
  void aLiveReleaseInstalledBeforeTheKeysWereTrustedIsAWarningAndASignedOneIsOk() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    trust(release, key);
    LiveRelease live = release.open();
    assertThat(doctor().checks(DoctorRequest.of(release.root), live)).extracting(Check::name).endsWith(SignatureCheck.NAME);

    CheckResult unchecked = new SignatureCheck().run(live);
    assertThat(unchecked.verdict()).isEqualTo(Verdict.WARN);
    assertThat(unchecked.detail()).contains(key.id().toString()).contains("without a signature check");

    new ReleaseMarks(live.root()).recordInstalled(FakeRelease.ID, Instant.now(), null, key.id().toString());
    CheckResult signed = new SignatureCheck().run(live);
    assertThat(signed.verdict()).isEqualTo(Verdict.OK);
    assertThat(signed.detail()).contains("signed by key " + key.id() + ", trusted here");
  }

  @Test
  void aSignerThatIsNoLongerTrustedIsSaidAndABrokenKeyFileFails() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    trust(release, SecretKey.generate());
    LiveRelease live = release.open();
    new ReleaseMarks(live.root()).recordInstalled(FakeRelease.ID, Instant.now(), null, key.id().toString());
    assertThat(new SignatureCheck().run(live).detail()).contains("no longer among the trusted keys");

    Files.writeString(release.root.resolve("shared/trusted-keys/broken.pub"), "not a key\n");
    CheckResult broken = new SignatureCheck().run(live);
    assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(broken.detail()).contains("broken.pub");
  }

  private static void trust(FakeRelease release, SecretKey key) throws Exception {
    Path keys = Files.createDirectories(release.root.resolve("shared/trusted-keys"));
    Files.writeString(keys.resolve(key.id() + ".pub"), key.publicKey().fileText());
  }

  private static Doctor doctor() {
    return new Doctor(dev.slipway.format.Reporter.SILENT, Map.of(), Clock.systemUTC());
  }
}
