package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Files the server reads at run time, found in the build's traces, are packaged (issue #16, item 3). */
class TracedFilesTest extends SyntheticProjectTestBase {
  private static final String ROUTE_TRACE = ".next/server/app/blog/page.js.nft.json";

  private void trace(String trace, String... files) throws IOException {
    SyntheticProject.write(project, trace,
        "{\"version\":1,\"files\":[" + String.join(",", List.of(files).stream().map(f -> "\"" + f + "\"").toList())
            + "],\"fileHashes\":{\"a\":\"b\"}}");
  }

  @Test
  void shipsTracedFilesOutsideNodeModulesAndNextThatNothingElseShips() throws IOException {
    SyntheticProject.write(project, "content/posts.json", "[]");
    SyntheticProject.write(project, "app/blog/posts/hello.mdx", "# hello");
    SyntheticProject.write(project, "app/blog/page.tsx", "export default function Blog() {}");
    trace(ROUTE_TRACE, "../../../../content/posts.json", "../../../../app/blog/posts/hello.mdx",
        "../../../../node_modules/next/dist/server/next.js", "../../../../public/robots.txt", "../page.js",
        "../../../../package.json");
    trace(".next/next-server.js.nft.json", "../content/posts.json", "../node_modules/react/index.js");
    // A trace in the build cache is not the build's: what it lists is not shipped.
    SyntheticProject.write(project, "cached.json", "{}");
    trace(".next/cache/old.nft.json", "../../cached.json");

    List<String> files = ArchiveListing.files(packing.pack().archive());

    assertThat(files).contains("content/posts.json", "app/blog/posts/hello.mdx", "public/robots.txt", "package.json")
        .doesNotContain("app/blog/page.tsx", "cached.json", "app/page.js")
        .noneMatch(name -> name.contains("node_modules"));
    assertThat(files).containsOnlyOnce("content/posts.json", "package.json", "public/robots.txt");
    assertThat(packing.warnings).noneMatch(w -> w.contains("traced"));
  }

  @Test
  void refusesATracedFileThatIsMissingNamingTheTrace() throws IOException {
    trace(ROUTE_TRACE, "../../../../content/posts.json");

    SlipwayException e = packing.refused(FailureKind.BUILD_MISSING, "TRACED_FILE_MISSING");

    assertThat(e.getMessage()).startsWith("content/posts.json is missing");
    assertThat(e.evidence()).isEqualTo("listed in " + ROUTE_TRACE);
    assertThat(e.fix()).contains("run next build again");
  }

  @Test
  void refusesASecretLookingTracedFileUnlessAllowed() throws IOException {
    SyntheticProject.write(project, "certs/api.pem", "-----BEGIN PRIVATE KEY-----");
    trace(ROUTE_TRACE, "../../../../certs/api.pem");

    packing.refused(FailureKind.SECRET_FILE, "SECRET_FILE");

    PackageResult allowed = packing.pack(packing.request().withIncludes(List.of(), Set.of("certs/api.pem")));
    assertThat(ArchiveListing.files(allowed.archive())).contains("certs/api.pem");
  }

  @Test
  void warnsAboutTracedFilesOutsideTheProjectButNotAboutDependencies() throws IOException {
    trace(ROUTE_TRACE, "../../../../../packages/ui/dist/a.js", "../../../../../packages/ui/dist/b.js",
        "../../../../../node_modules/next/dist/server/next.js");

    packing.pack();

    assertThat(packing.warnings.stream().filter(w -> w.contains("traced"))).singleElement().asString()
        .contains("traced 2 file(s) outside the project", "../packages/ui/dist/a.js", "../packages/ui/dist/b.js")
        .doesNotContain("node_modules");
  }

  @Test
  void refusesATraceThatIsNotJson() throws IOException {
    SyntheticProject.write(project, ROUTE_TRACE, "{\"files\":[\"../x\"");

    packing.refused(FailureKind.BUILD_MISSING, "TRACE_UNREADABLE");
  }
}
