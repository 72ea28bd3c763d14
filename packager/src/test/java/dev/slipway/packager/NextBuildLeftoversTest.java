package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the build leaves in .next that production never reads, and what a running server writes there. */
class NextBuildLeftoversTest {
  @TempDir Path project;

  @Test
  void routeCacheWrittenByNextStartIsNotPackaged() throws IOException {
    // Issue #16, item 7: `next start` (Next 16) in the project writes rendered pages here.
    for (String name : List.of(".next/server/app/page.js", ".next/server/route-cache/APP_PAGE/index.html",
        ".next/server/route-cache/APP_ROUTE/favicon.ico.body", ".next/server/route-cache-notes.txt")) {
      Path file = project.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, name);
    }
    ProjectFiles files = new ProjectFiles(project, Set.of(), false);
    files.addTree(".next");
    List<String> names = new ArrayList<>();
    files.forEach((name, source) -> names.add(name));

    assertThat(names).containsExactly(".next/server/app/page.js", ".next/server/route-cache-notes.txt");
  }

  @Test
  void buildOutputBesideTheCachesStaysIn() {
    assertThat(NextBuildLeftovers.excluded(".next/server/route-cache")).isTrue();
    assertThat(NextBuildLeftovers.excluded(".next/server/route-cache/APP_PAGE/x")).isTrue();
    assertThat(NextBuildLeftovers.excluded(".next/cache/images/x")).isTrue();
    assertThat(NextBuildLeftovers.excluded(".next/server/app/route-cache/page.js")).isFalse();
    assertThat(NextBuildLeftovers.excluded("route-cache/x")).isFalse();
  }
}
