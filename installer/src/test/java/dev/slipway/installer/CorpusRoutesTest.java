package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusRoutesTest {
  @TempDir Path app;

  @Test
  void everyParameterlessRouteOfEveryManifestWithoutNextsInternalPages() throws IOException {
    write(".next/routes-manifest.json", """
        {"staticRoutes": [{"page": "/"}, {"page": "/_not-found"}, {"page": "/about"}],
         "dynamicRoutes": [{"page": "/blog/[slug]"}]}""");
    // Next 15 lists route handlers here only.
    write(".next/server/app-paths-manifest.json", """
        {"/page": "a", "/api/health/route": "b", "/(shop)/cart/page": "c", "/blog/[slug]/page": "d",
         "/_not-found/page": "e", "/@modal/photo/page": "f"}""");
    write(".next/server/pages-manifest.json", """
        {"/_app": "a", "/_document": "b", "/404": "c", "/500": "d", "/api/hello": "e", "/ssr": "f"}""");
    write(".next/prerender-manifest.json", """
        {"routes": {"/about": {}, "/blog/first": {}, "/_global-error": {}}}""");

    assertThat(CorpusRoutes.of(app))
        .containsExactly("/", "/about", "/api/health", "/api/hello", "/blog/first", "/cart", "/ssr");
  }

  @Test
  void aBuildWithoutTheOptionalManifestsListsWhatTheOthersSay() throws IOException {
    write(".next/routes-manifest.json", "{\"staticRoutes\": [{\"page\": \"/\"}]}");

    assertThat(CorpusRoutes.of(app)).containsExactly("/");
  }

  private void write(String rel, String json) throws IOException {
    Path file = app.resolve(rel);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }
}
