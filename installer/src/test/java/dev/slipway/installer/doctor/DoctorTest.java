package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import dev.slipway.testkit.ReferenceDocs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path tmp;

  private static Doctor doctor() {
    return new Doctor(Reporter.SILENT, Map.of(), Clock.systemUTC());
  }

  @Test
  void rootWithoutLiveReleaseIsRefusedAsRootLayout() throws Exception {
    Files.createDirectories(tmp.resolve("root/releases"));

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> doctor().examine(DoctorRequest.of(tmp.resolve("root"))))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.ROOT_LAYOUT);
          assertThat(e.kind().exitCode()).isEqualTo(28);
          assertThat(e.causeCode()).isEqualTo("NO_LIVE_RELEASE");
          assertThat(e.fix()).contains("installer install");
        });
  }

  @Test
  void currentNamingADeletedReleaseIsRefused() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    Files.delete(release.dir);

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> doctor().examine(DoctorRequest.of(release.root)))
        .satisfies(e -> assertThat(e.causeCode()).isEqualTo("LIVE_RELEASE_MISSING"));
  }

  @Test
  void missingRootIsRefused() {
    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> doctor().examine(DoctorRequest.of(tmp.resolve("nowhere"))))
        .satisfies(e -> assertThat(e.causeCode()).isEqualTo("ROOT_MISSING"));
  }

  @Test
  void envFileThatDoesNotExistIsAUsageError() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);

    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> doctor().examine(DoctorRequest.of(release.root).withEnvFile(tmp.resolve("nope.env"))))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE));
  }

  @Test
  void checksFollowTheGuidesOrderAndUrlIsListedOnlyWhenGiven() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    LiveRelease live = release.open();

    assertThat(doctor().checks(DoctorRequest.of(release.root), live)).extracting(Check::name)
        .containsExactly("node", "env", "build", "entry", "dependencies", "native-modules", "logs");
    assertThat(doctor().checks(DoctorRequest.of(release.root).withUrls(List.of(URI.create("http://x/"))), live))
        .extracting(Check::name)
        .containsExactly("node", "env", "build", "entry", "dependencies", "native-modules", "url", "logs");
  }

  /** Operators read what each verdict line means in docs/reference/doctor.md (issue #19). */
  @Test
  void everyCheckHasARowInTheDoctorReference() throws Exception {
    FakeRelease release = FakeRelease.create(tmp);
    String reference = ReferenceDocs.read("doctor.md");

    assertThat(doctor().checks(DoctorRequest.of(release.root).withUrls(List.of(URI.create("http://x/"))), release.open()))
        .extracting(Check::name)
        .allSatisfy(name -> assertThat(reference).contains("| `" + name + "` | "));
  }

  @Test
  void checkThatCannotRunIsReportedAsItsFailure() throws Exception {
    Check broken = new Check() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public CheckResult run(LiveRelease release) throws IOException {
        throw new java.nio.file.AccessDeniedException("/srv/app/releases/x/.next/BUILD_ID");
      }
    };

    CheckResult result = Doctor.runOne(broken, FakeRelease.create(tmp).open());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.detail()).startsWith("the check could not run: java.nio.file.AccessDeniedException");
  }

  @Test
  void badUrlsAndHealthPathsAreUsageErrors() {
    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> DoctorRequest.parseUrls(List.of("ftp://example.com/")))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE));
    assertThatExceptionOfType(SlipwayException.class)
        .isThrownBy(() -> new DoctorRequest(tmp, java.util.Optional.empty(), "node", "npm", List.of(), List.of("health"),
            DoctorRequest.DEFAULT_START_TIMEOUT, dev.slipway.installer.user.AppUser.UNSET))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE));
  }
}
