package dev.slipway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The routes a built Next.js app serves without parameters, as its build lists them: the static
 * routes of {@code .next/routes-manifest.json}, the app router's pages and route handlers of
 * {@code .next/server/app-paths-manifest.json} (Next 15 leaves route handlers out of the former),
 * the pages router's pages and API routes of {@code .next/server/pages-manifest.json}, and the
 * prerendered paths of {@code .next/prerender-manifest.json} (those of dynamic routes too). Next's
 * internal pages ({@code /_not-found}, {@code /_global-error}, {@code /_app}, ..., {@code /404},
 * {@code /500}) and routes that need a parameter are left out.
 */
final class CorpusRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INTERNAL = Set.of("/404", "/500");
  /** An app-paths key's last segment: the file that defines the route. */
  private static final Pattern APP_FILE = Pattern.compile("/(page|route)$");
  /** Route groups, (marketing), are not part of the URL. */
  private static final Pattern GROUP = Pattern.compile("/\\([^/]*\\)");

  private CorpusRoutes() {}

  static List<String> of(Path app) throws IOException {
    Set<String> routes = new TreeSet<>();
    Consumer<String> add = path -> add(routes, path);
    read(app.resolve(".next/routes-manifest.json")).path("staticRoutes").forEach(r -> add.accept(r.path("page").asText()));
    read(app.resolve(".next/server/app-paths-manifest.json")).fieldNames().forEachRemaining(key -> {
      if (APP_FILE.matcher(key).find()) {
        String path = GROUP.matcher(APP_FILE.matcher(key).replaceFirst("")).replaceAll("");
        add.accept(path.isEmpty() ? "/" : path);
      }
    });
    read(app.resolve(".next/server/pages-manifest.json")).fieldNames().forEachRemaining(add);
    read(app.resolve(".next/prerender-manifest.json")).path("routes").fieldNames().forEachRemaining(add);
    return new ArrayList<>(routes);
  }

  /** The manifest's JSON, or an empty object when the build wrote none (no pages router, ...). */
  private static JsonNode read(Path manifest) throws IOException {
    return Files.isRegularFile(manifest) ? JSON.readTree(Files.readString(manifest)) : JSON.createObjectNode();
  }

  private static void add(Set<String> routes, String path) {
    boolean needsParameter = path.contains("[") || path.contains("/@");
    if (path.startsWith("/") && !path.startsWith("/_") && !INTERNAL.contains(path) && !needsParameter) {
      routes.add(path);
    }
  }
}
