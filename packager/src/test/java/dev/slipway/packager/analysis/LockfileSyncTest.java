package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileSyncTest {
  @TempDir Path dir;

  private Path lock(String json) throws IOException {
    return Files.writeString(dir.resolve("package-lock.json"), json);
  }

  private static PackageJson pkg(Map<String, String> deps, Map<String, String> devDeps) {
    return new PackageJson("app", "1.0.0", deps, devDeps, Map.of(), Map.of(), null, Map.of());
  }

  /** A v3 lockfile whose root entry matches {@code pkg} and with the given installs. */
  private static String v3(String rootDeps, String rootDevDeps, String installs) {
    return """
        { "name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": { "name": "app", "version": "1.0.0",
                  "dependencies": %s, "devDependencies": %s },
            %s
          } }
        """
        .formatted(rootDeps, rootDevDeps, installs);
  }

  @Test
  void aLockThatInstallsEveryDeclaredVersionIsInSync() throws IOException {
    PackageJson pkg =
        pkg(Map.of("next", "^15.0.0", "react", "19.0.0"), Map.of("typescript", "~5.6"));
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\", \"react\": \"19.0.0\"}",
                "{\"typescript\": \"~5.6\"}",
                """
                "node_modules/next": { "version": "15.1.3" },
                "node_modules/react": { "version": "19.0.0" },
                "node_modules/typescript": { "version": "5.6.3", "dev": true }
                """));

    assertThat(LockfileSync.check(pkg, lock)).isEmpty();
  }

  @Test
  void aDeclaredDependencyMissingFromTheLockIsReported() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0", "react", "^19.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\", \"react\": \"^19.0.0\"}",
                "{}",
                "\"node_modules/next\": { \"version\": \"15.1.3\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("react is in package.json but not in package-lock.json");
  }

  @Test
  void aLockedVersionOutsideTheDeclaredRangeIsReported() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\"}",
                "{}",
                "\"node_modules/next\": { \"version\": \"14.2.3\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("next: locked 14.2.3 does not satisfy ^15.0.0");
  }

  @Test
  void devDependenciesAreCheckedToo() throws IOException {
    PackageJson pkg = pkg(Map.of(), Map.of("eslint", "^9.0.0"));
    Path lock =
        lock(
            v3(
                "{}",
                "{\"eslint\": \"^9.0.0\"}",
                "\"node_modules/eslint\": { \"version\": \"8.57.0\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("eslint: locked 8.57.0 does not satisfy ^9.0.0");
  }

  @Test
  void optionalDependenciesAreCheckedToo() throws IOException {
    PackageJson pkg =
        new PackageJson(
            "app",
            "1.0.0",
            Map.of(),
            Map.of(),
            Map.of("sharp", "^0.33.0"),
            Map.of(),
            null,
            Map.of());
    Path lock =
        lock(
            "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"optionalDependencies\": {\"sharp\": \"^0.33.0\"}}}}");

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("sharp is in package.json but not in package-lock.json");
  }

  @Test
  void aPrereleaseOnlySatisfiesARangeThatNamesOneAsInNpm() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\"}",
                "{}",
                "\"node_modules/next\": { \"version\": \"15.1.0-canary.3\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("next: locked 15.1.0-canary.3 does not satisfy ^15.0.0");
  }

  @Test
  void anAliasIsCheckedAgainstTheAliasedRange() throws IOException {
    PackageJson pkg = pkg(Map.of("react18", "npm:react@^18.2.0"), Map.of());
    String root = "{\"react18\": \"npm:react@^18.2.0\"}";

    Path inSync =
        lock(
            v3(
                root,
                "{}",
                "\"node_modules/react18\": { \"name\": \"react\", \"version\": \"18.3.1\" }"));
    assertThat(LockfileSync.check(pkg, inSync)).isEmpty();

    Path outOfRange =
        lock(
            v3(
                root,
                "{}",
                "\"node_modules/react18\": { \"name\": \"react\", \"version\": \"18.1.0\" }"));
    assertThat(LockfileSync.check(pkg, outOfRange))
        .containsExactly("react18: locked 18.1.0 does not satisfy npm:react@^18.2.0");
  }

  @Test
  void anAliasThatNowPointsAtAnotherPackageIsReported() throws IOException {
    PackageJson pkg = pkg(Map.of("ui", "npm:preact@^10.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"ui\": \"npm:preact@^10.0.0\"}",
                "{}",
                "\"node_modules/ui\": { \"name\": \"react\", \"version\": \"10.5.0\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly(
            "ui: package-lock.json installs react under this name, but package.json asks for npm:preact@^10.0.0");
  }

  @Test
  void specsThatAreNotRangesNeverProduceAVersionMismatch() throws IOException {
    Map<String, String> deps =
        Map.of(
            "from-git", "github:acme/lib#v2",
            "from-url", "https://example.com/tar/pkg-3.0.0.tgz",
            "from-tag", "canary",
            "from-latest", "latest",
            "local", "file:../local");
    PackageJson pkg = pkg(deps, Map.of());
    Path lock =
        lock(
            v3(
                """
                {"from-git": "github:acme/lib#v2", "from-url": "https://example.com/tar/pkg-3.0.0.tgz",
                 "from-tag": "canary", "from-latest": "latest", "local": "file:../local"}
                """,
                "{}",
                """
                "node_modules/from-git": { "version": "1.0.0", "resolved": "git+ssh://git@github.com/acme/lib.git#abc" },
                "node_modules/from-url": { "version": "0.0.1" },
                "node_modules/from-tag": { "version": "16.0.0-canary.1" },
                "node_modules/from-latest": { "version": "0.1.0" },
                "node_modules/local": { "resolved": "../local", "link": true },
                "../local": { "version": "9.9.9" }
                """));

    assertThat(LockfileSync.check(pkg, lock)).isEmpty();
  }

  @Test
  void aNonRangeSpecMissingFromTheLockIsStillReported() throws IOException {
    PackageJson pkg = pkg(Map.of("from-git", "github:acme/lib"), Map.of());
    Path lock = lock(v3("{\"from-git\": \"github:acme/lib\"}", "{}", "\"node_modules/x\": {}"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("from-git is in package.json but not in package-lock.json");
  }

  @Test
  void aLinkedWorkspaceIsCheckedAtTheLinkedFoldersVersion() throws IOException {
    PackageJson pkg = pkg(Map.of("shared", "^1.0.0"), Map.of());
    String link = "\"node_modules/shared\": { \"resolved\": \"packages/shared\", \"link\": true },";

    Path inSync =
        lock(
            v3(
                "{\"shared\": \"^1.0.0\"}",
                "{}",
                link + "\"packages/shared\": { \"version\": \"1.2.0\" }"));
    assertThat(LockfileSync.check(pkg, inSync)).isEmpty();

    Path outOfRange =
        lock(
            v3(
                "{\"shared\": \"^1.0.0\"}",
                "{}",
                link + "\"packages/shared\": { \"version\": \"2.0.0\" }"));
    assertThat(LockfileSync.check(pkg, outOfRange))
        .containsExactly("shared: locked 2.0.0 does not satisfy ^1.0.0");
  }

  @Test
  void lockfileVersion2IsReadFromItsPackagesMapNotItsLegacyDependencies() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0"), Map.of());
    // npm 7+ reads "packages"; the v1-style "dependencies" section is only kept for old npm.
    Path lock =
        lock(
            """
            { "lockfileVersion": 2,
              "packages": { "": { "dependencies": { "next": "^15.0.0" } },
                            "node_modules/next": { "version": "14.2.3" } },
              "dependencies": { "next": { "version": "15.0.0" } } }
            """);

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("next: locked 14.2.3 does not satisfy ^15.0.0");
  }

  @Test
  void lockfileVersion1IsReadFromItsDependencies() throws IOException {
    PackageJson pkg =
        pkg(Map.of("next", "^15.0.0", "react", "^18.0.0", "lodash", "^4.0.0"), Map.of());
    Path lock =
        lock(
            """
            { "lockfileVersion": 1, "requires": true,
              "dependencies": { "next": { "version": "14.2.3" }, "react": { "version": "18.3.1" } } }
            """);

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly(
            "lodash is in package.json but not in package-lock.json",
            "next: locked 14.2.3 does not satisfy ^15.0.0");
  }

  @Test
  void lockfileVersion1AliasesAreUnderstood() throws IOException {
    PackageJson pkg = pkg(Map.of("react18", "npm:react@^18.2.0"), Map.of());
    Path lock =
        lock(
            "{\"lockfileVersion\": 1, \"dependencies\": {\"react18\": {\"version\": \"npm:react@18.3.1\"}}}");

    assertThat(LockfileSync.check(pkg, lock)).isEmpty();
  }

  @Test
  void theLockfilesOwnNameIsUsedInMessages() throws IOException {
    PackageJson pkg = pkg(Map.of("react", "^19.0.0"), Map.of());
    Path shrinkwrap =
        Files.writeString(
            dir.resolve("npm-shrinkwrap.json"), "{\"lockfileVersion\": 3, \"packages\": {}}");

    assertThat(LockfileSync.check(pkg, shrinkwrap))
        .containsExactly("react is in package.json but not in npm-shrinkwrap.json");
  }

  @Test
  void aRootEntryRecordingAnotherSpecIsReported() throws IOException {
    PackageJson pkg = pkg(Map.of("react", "^19.0.1"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"react\": \"^19.0.0\"}",
                "{}",
                "\"node_modules/react\": { \"version\": \"19.0.1\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly(
            "react: package.json's dependencies say ^19.0.1 but package-lock.json's say ^19.0.0");
  }

  @Test
  void aDependencyRemovedFromPackageJsonButStillInTheRootEntryIsReported() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\", \"lodash\": \"^4.17.21\"}",
                "{}",
                """
                "node_modules/next": { "version": "15.0.0" },
                "node_modules/lodash": { "version": "4.17.21" }
                """));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("lodash is in package-lock.json's dependencies but not in package.json's");
  }

  @Test
  void aDependencyMovedToAnotherSectionIsReported() throws IOException {
    // Moving sharp out of devDependencies without refreshing the lock: the lock's root entry
    // still records it as a dev dependency.
    PackageJson pkg = pkg(Map.of("sharp", "^0.33.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{}",
                "{\"sharp\": \"^0.33.0\"}",
                "\"node_modules/sharp\": { \"version\": \"0.33.5\", \"dev\": true }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("sharp is in package.json's dependencies but not in package-lock.json's");
  }

  @Test
  void aDependencyIsReportedOnceEvenWhenTheRootEntryAlsoDisagrees() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^14.0.0\"}",
                "{}",
                "\"node_modules/next\": { \"version\": \"14.2.3\" }"));

    assertThat(LockfileSync.check(pkg, lock))
        .containsExactly("next: locked 14.2.3 does not satisfy ^15.0.0");
  }

  @Test
  void installAndRootEntryFindingsCanBeAskedForSeparately() throws IOException {
    PackageJson pkg = pkg(Map.of("next", "^15.0.0", "react", "^19.0.1"), Map.of());
    Path lock =
        lock(
            v3(
                "{\"next\": \"^15.0.0\", \"react\": \"^19.0.0\"}",
                "{}",
                """
                "node_modules/next": { "version": "14.2.3" },
                "node_modules/react": { "version": "19.0.1" }
                """));

    assertThat(LockfileSync.installMismatches(pkg, lock))
        .containsExactly("next: locked 14.2.3 does not satisfy ^15.0.0");
    assertThat(LockfileSync.rootEntryMismatches(pkg, lock))
        .containsExactly(
            "react: package.json's dependencies say ^19.0.1 but package-lock.json's say ^19.0.0");
  }

  @Test
  void peerDependenciesRecordedInTheRootEntryAreNotStrays() throws IOException {
    PackageJson pkg =
        new PackageJson(
            "app",
            "1.0.0",
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of("react", "^19.0.0"),
            null,
            Map.of());
    Path lock =
        lock(
            "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"peerDependencies\": {\"react\": \"^19.0.0\"}}}}");

    assertThat(LockfileSync.check(pkg, lock)).isEmpty();
  }

  @Test
  void anUnparsableLockfileIsRefusedNamingIt() throws IOException {
    Path lock = lock("{ \"lockfileVersion\": 3, ");

    // A refusal with its cause code (exit 11), not the IllegalArgumentException that ended as INTERNAL (issue #20).
    assertThatThrownBy(() -> LockfileSync.check(pkg(Map.of(), Map.of()), lock))
        .isInstanceOfSatisfying(dev.slipway.format.SlipwayException.class,
            e -> assertThat(e.causeCode()).isEqualTo("BAD_LOCKFILE"))
        .hasMessageStartingWith("package-lock.json cannot be used: package-lock.json is not valid JSON");
  }
}
