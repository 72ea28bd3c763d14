package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.EnvManifest;
import dev.slipway.packager.analysis.SourceMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source wins for a name, and what is warned about (issue #17; README "Env manifest"). */
class EnvManifestBuilderTest {
  @TempDir Path project;

  private Path server() throws IOException {
    return Files.createDirectories(project.resolve(".next/server"));
  }

  private EnvManifest build(EnvManifestBuilder builder) throws IOException {
    return builder.build(server());
  }

  @Test
  void anExplicitOptionalFlagOutranksTheExampleFile() throws IOException {
    Files.writeString(project.resolve(".env.example"), "DATABASE_URL=\nSENTRY_DSN=\n");

    EnvManifest env = build(new EnvManifestBuilder()
        .readExamples(project)
        .allowMissing(List.of("SENTRY_DSN"), EnvSource.FLAG));

    assertThat(env.required()).containsExactly("DATABASE_URL");
    assertThat(env.optional()).containsExactly("SENTRY_DSN");
  }

  @Test
  void slipwayJsonOutranksTheExampleFileWhateverTheOrderOfTheCalls() throws IOException {
    Files.writeString(project.resolve(".env.production.example"), "SENTRY_DSN=\nPORT_HINT= # optional\n");

    EnvManifest env = build(new EnvManifestBuilder()
        .allowMissing(List.of("SENTRY_DSN"), EnvSource.PROJECT_CONFIG)
        .require(List.of("PORT_HINT"), EnvSource.PROJECT_CONFIG)
        .readExamples(project));

    assertThat(env.required()).containsExactly("PORT_HINT");
    assertThat(env.optional()).containsExactly("SENTRY_DSN");
  }

  @Test
  void aFlagOutranksSlipwayJsonAndWithinOneSourceRequiredWins() throws IOException {
    EnvManifest env = build(new EnvManifestBuilder()
        .require(List.of("A"), EnvSource.FLAG)
        .allowMissing(List.of("A", "B"), EnvSource.PROJECT_CONFIG)
        .allowMissing(List.of("C"), EnvSource.FLAG)
        .require(List.of("C"), EnvSource.FLAG));

    assertThat(env.required()).containsExactly("A", "C");
    assertThat(env.optional()).containsExactly("B");
  }

  @Test
  void aDeclaredNextPublicNameIsListedOnceAsInlinedAndNotWarnedAbout() throws IOException {
    Files.writeString(project.resolve(".env.example"), "NEXT_PUBLIC_SITE_NAME=\n");
    Files.writeString(server().resolve("page.js"), "let t=process.env.NEXT_PUBLIC_SITE_NAME,u=process.env.NEXT_PUBLIC_API;");
    EnvManifestBuilder builder = new EnvManifestBuilder().readExamples(project)
        .allowMissing(List.of("NEXT_PUBLIC_API"), EnvSource.FLAG);

    EnvManifest env = build(builder);

    assertThat(env.inlinedAtBuild()).containsExactly("NEXT_PUBLIC_API", "NEXT_PUBLIC_SITE_NAME");
    assertThat(env.referencedUndeclared()).isEmpty();
    assertThat(env.required()).isEmpty();
    assertThat(env.optional()).isEmpty();
    assertThat(builder.warnings()).isEmpty();
  }

  @Test
  void onlyNamesTheAppsOwnCodeReadsAreWarnedAbout() throws IOException {
    // A webpack chunk without a map: library names fall back to the list; a Turbopack-like chunk
    // with its map: the debug package's DEBUG is attributed to node_modules.
    Files.writeString(server().resolve("792.js"), "let u=process.env.USER,k=process.env.STRIPE_KEY;");
    String js = "module.exports=[1,e=>{let b=process.env.UPLOAD_BUCKET},2,e=>{return process.env.DEBUG}];";
    Files.writeString(server().resolve("a._.js"), js);
    Files.writeString(server().resolve("a._.js.map"), SourceMaps.oneLine(List.of(
        new SourceMaps.Module(js.indexOf("1,e"), "../../app/api/route.js"),
        new SourceMaps.Module(js.indexOf("2,e"), "../../node_modules/debug/src/node.js"))));
    EnvManifestBuilder builder = new EnvManifestBuilder();

    EnvManifest env = build(builder);

    assertThat(env.referencedUndeclared()).containsExactly("STRIPE_KEY", "UPLOAD_BUCKET");
    assertThat(builder.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).doesNotContain("USER", "DEBUG"));
  }
}
