package dev.slipway.packager.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageJsonTest {

  private static PackageJson parse(String json) {
    return PackageJson.parse(json.getBytes(UTF_8));
  }

  @Test
  void readsTheFieldsPackagingNeeds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("package.json");
    Files.writeString(
        file,
        """
        {
          "name": "shop",
          "version": "1.4.0",
          "private": true,
          "scripts": { "start": "next start", "build": "next build" },
          "dependencies": { "react": "^19.0.0", "next": "15.1.0" },
          "devDependencies": { "typescript": "^5" },
          "optionalDependencies": { "sharp": "^0.33.0" },
          "peerDependencies": { "react-dom": "*" },
          "engines": { "node": ">=20.9.0" }
        }
        """);

    PackageJson pkg = PackageJson.read(file);

    assertThat(pkg.name()).isEqualTo("shop");
    assertThat(pkg.version()).isEqualTo("1.4.0");
    assertThat(pkg.dependencies())
        .containsExactly(Map.entry("next", "15.1.0"), Map.entry("react", "^19.0.0"));
    assertThat(pkg.devDependencies()).containsExactly(Map.entry("typescript", "^5"));
    assertThat(pkg.optionalDependencies()).containsExactly(Map.entry("sharp", "^0.33.0"));
    assertThat(pkg.peerDependencies()).containsExactly(Map.entry("react-dom", "*"));
    assertThat(pkg.enginesNode()).isEqualTo(">=20.9.0");
    assertThat(pkg.scripts()).containsOnlyKeys("build", "start");
  }

  @Test
  void mapsAreSortedByName() {
    PackageJson pkg =
        parse(
            "{\"name\":\"a\",\"version\":\"1.0.0\",\"dependencies\":{\"zod\":\"3\",\"axios\":\"1\",\"next\":\"15\"}}");

    assertThat(pkg.dependencies().keySet()).containsExactly("axios", "next", "zod");
  }

  @Test
  void absentSectionsAreEmptyAndAbsentEnginesIsNull() {
    PackageJson pkg = parse("{\"name\":\"a\",\"version\":\"1.0.0\"}");

    assertThat(pkg.dependencies()).isEmpty();
    assertThat(pkg.devDependencies()).isEmpty();
    assertThat(pkg.scripts()).isEmpty();
    assertThat(pkg.enginesNode()).isNull();
  }

  @Test
  void malformedEnginesIsTreatedAsNoRequirementLikeNpmDoes() {
    PackageJson pkg = parse("{\"name\":\"a\",\"version\":\"1.0.0\",\"engines\":{\"node\":20}}");

    assertThat(pkg.enginesNode()).isNull();
  }

  @Test
  void aMissingOrBlankNameOrVersionIsReadAsAbsentNotRefused() {
    // Issue #16, item 5: three of four published example apps have neither; the packager falls back.
    assertThat(parse("{\"name\":\"a\"}").version()).isNull();
    assertThat(parse("{\"version\":\"1.0.0\"}").name()).isNull();
    assertThat(parse("{\"name\":\" \",\"version\":\"\"}")).satisfies(pkg -> {
      assertThat(pkg.name()).isNull();
      assertThat(pkg.version()).isNull();
    });
  }

  @Test
  void refusesANameThatIsNotAString() {
    assertThatThrownBy(() -> parse("{\"name\":1,\"version\":\"1.0.0\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("package.json's \"name\" is not a string");
  }

  @Test
  void refusesInvalidJsonWithAClearMessage() {
    assertThatThrownBy(() -> parse("{\"name\": \"a\","))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("package.json is not valid JSON");
  }

  @Test
  void refusesJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> parse("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("package.json is not a JSON object");
  }

  @Test
  void refusesADependencyWhoseSpecIsNotAString() {
    assertThatThrownBy(
            () -> parse("{\"name\":\"a\",\"version\":\"1.0.0\",\"dependencies\":{\"next\":15}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"dependencies\"")
        .hasMessageContaining("next");
  }

  @Test
  void refusesAnUnreadableFileNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("package.json");

    assertThatThrownBy(() -> PackageJson.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read package.json")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void theRecordCannotBeModifiedThroughItsMaps() {
    PackageJson pkg =
        parse("{\"name\":\"a\",\"version\":\"1.0.0\",\"dependencies\":{\"next\":\"15\"}}");

    assertThatThrownBy(() -> pkg.dependencies().put("x", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void productionDependenciesAreDependenciesAndOptionalOnes() {
    PackageJson pkg =
        parse(
            "{\"name\":\"a\",\"version\":\"1.0.0\",\"dependencies\":{\"next\":\"15\"},"
                + "\"optionalDependencies\":{\"sharp\":\"1\"},\"devDependencies\":{\"eslint\":\"9\"}}");

    assertThat(pkg.isProductionDependency("next")).isTrue();
    assertThat(pkg.isProductionDependency("sharp")).isTrue();
    assertThat(pkg.isProductionDependency("eslint")).isFalse();
  }
}
