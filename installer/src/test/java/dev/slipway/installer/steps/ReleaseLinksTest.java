package dev.slipway.installer.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Manifest;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turbopack's links created in a release after npm ci, and refused when they do not resolve (issue #16). */
class ReleaseLinksTest {
  private static final Manifest.Link CRON =
      new Manifest.Link(".next/node_modules/node-cron-850d997d12dc4759", "../../node_modules/node-cron");
  private static final Manifest.Link SCOPED =
      new Manifest.Link(".next/node_modules/@acme/ui-1da2903d5925b8a2", "../../../node_modules/@acme/ui");

  @TempDir Path release;
  @TempDir Path outside;

  private void installed(String pkg) throws IOException {
    Files.createDirectories(release.resolve("node_modules").resolve(pkg));
    Files.writeString(release.resolve("node_modules").resolve(pkg).resolve("index.js"), "module.exports = 1;\n");
  }

  @Test
  void linksAreCreatedAsListedAndResolveToTheInstalledPackages() throws IOException {
    installed("node-cron");
    installed("@acme/ui");

    ReleaseLinks.createAndCheck(release, List.of(SCOPED, CRON));

    assertThat(Files.readSymbolicLink(release.resolve(CRON.path()))).isEqualTo(Path.of("../../node_modules/node-cron"));
    assertThat(release.resolve(CRON.path()).resolve("index.js")).exists();
    assertThat(release.resolve(SCOPED.path()).resolve("index.js")).exists();
    assertThat(ReleaseLinks.problems(release, List.of(SCOPED, CRON))).isEmpty();
  }

  @Test
  void aLinkWhosePackageNpmDidNotInstallIsRefusedNamingTheRealPackage() throws IOException {
    installed("node-cron");

    SlipwayException e = catchThrowableOfType(
        () -> ReleaseLinks.createAndCheck(release, List.of(SCOPED, CRON)), SlipwayException.class);

    assertThat(e.kind()).isEqualTo(FailureKind.NPM_FAILED);
    assertThat(e.causeCode()).isEqualTo("LINKED_PACKAGE_MISSING");
    assertThat(e.getMessage()).isEqualTo("the build links .next/node_modules/@acme/ui-1da2903d5925b8a2 to"
        + " node_modules/@acme/ui, but npm ci did not install @acme/ui");
    assertThat(e.fix()).isEqualTo("add @acme/ui to dependencies in package.json (npm install --save-prod @acme/ui),"
        + " commit package-lock.json, rebuild and repackage");
    assertThat(e.fix()).doesNotContain("1da2903d5925b8a2");
  }

  @Test
  void somethingAlreadyAtTheLinksPathIsNeitherFollowedNorReplaced() throws IOException {
    installed("node-cron");
    Files.createDirectories(release.resolve(".next/node_modules"));
    Files.createSymbolicLink(release.resolve(CRON.path()), outside);

    SlipwayException e = catchThrowableOfType(
        () -> ReleaseLinks.createAndCheck(release, List.of(CRON)), SlipwayException.class);

    assertThat(e.causeCode()).isEqualTo("LINK_UNRESOLVED");
    assertThat(Files.readSymbolicLink(release.resolve(CRON.path()))).isEqualTo(outside);
  }

  @Test
  void aFolderOnTheWayThatIsALinkIsNotFollowed() throws IOException {
    installed("@acme/ui");
    Files.createDirectories(release.resolve(".next/node_modules"));
    Files.createSymbolicLink(release.resolve(".next/node_modules/@acme"), outside);

    SlipwayException e = catchThrowableOfType(
        () -> ReleaseLinks.createAndCheck(release, List.of(SCOPED)), SlipwayException.class);

    assertThat(e.causeCode()).isEqualTo("LINK_UNRESOLVED");
    assertThat(e.evidence()).contains(".next/node_modules/@acme is a link, not a folder");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void aPackageInstalledAsALinkOutOfTheReleaseIsRefused() throws IOException {
    Files.createDirectories(release.resolve("node_modules"));
    Files.createSymbolicLink(release.resolve("node_modules/node-cron"), outside);

    SlipwayException e = catchThrowableOfType(
        () -> ReleaseLinks.createAndCheck(release, List.of(CRON)), SlipwayException.class);

    assertThat(e.causeCode()).isEqualTo("LINK_UNRESOLVED");
    assertThat(e.getMessage()).contains("outside the release");
  }

  @Test
  void aPackageInstalledAsALinkInsideTheReleaseIsAccepted() throws IOException {
    Files.createDirectories(release.resolve("vendor/node-cron"));
    Files.createDirectories(release.resolve("node_modules"));
    Files.createSymbolicLink(release.resolve("node_modules/node-cron"), Path.of("../vendor/node-cron"));

    ReleaseLinks.createAndCheck(release, List.of(CRON));

    assertThat(ReleaseLinks.problems(release, List.of(CRON))).isEmpty();
  }
}
