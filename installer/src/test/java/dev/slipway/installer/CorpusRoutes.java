package dev.slipway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes a built Next.js app serves without parameters, as its build lists them: the static
 * routes of {@code .next/routes-manifest.json} (app and pages routers, route handlers, API routes)
 * and the prerendered paths of {@code .next/prerender-manifest.json} (those of dynamic routes
 * too). Next's internal pages ({@code /_not-found}, {@code /_global-error}, {@code /_app}, ...,
 * {@code /404}, {@code /500}) are left out: they are not URLs an app serves.
 */
final class CorpusRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INTERNAL = Set.of("/404", "/500");

  private CorpusRoutes() {}

  static List<String> of(Path app) throws IOException {
    Set<String> routes = new TreeSet<>();
    JsonNode manifest = JSON.readTree(Files.readString(app.resolve(".next/routes-manifest.json")));
    for (JsonNode route : manifest.path("staticRoutes")) {
      add(routes, route.path("page").asText());
    }
    Path prerender = app.resolve(".next/prerender-manifest.json");
    if (Files.isRegularFile(prerender)) {
      Iterator<String> paths = JSON.readTree(Files.readString(prerender)).path("routes").fieldNames();
      paths.forEachRemaining(path -> add(routes, path));
    }
    return new ArrayList<>(routes);
  }

  private static void add(Set<String> routes, String path) {
    if (path.startsWith("/") && !path.startsWith("/_") && !INTERNAL.contains(path)) {
      routes.add(path);
    }
  }
}
