package dev.slipway.installer.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The routes a release's build lists that need no parameter (issue #16, item 8): every {@code
 * staticRoutes[].page} of {@code .next/routes-manifest.json} (app and pages routers, and from Next
 * 16 route handlers), every key of {@code .next/prerender-manifest.json}'s {@code routes} (which
 * holds the prerendered paths of dynamic routes too), and the paths of {@code
 * .next/app-path-routes-manifest.json} and {@code .next/server/pages-manifest.json} that take no
 * parameter (Next 15 lists its route handlers and pages API routes only there), all prefixed with
 * the routes manifest's {@code basePath}.
 * Next's internal routes ({@code /_not-found}, {@code /_global-error}, {@code /_app}, ..., {@code
 * /404}, {@code /500}) are left out: they are not URLs users ask for.
 *
 * <p>The manifests come from the archive, so they are read as untrusted: at most {@value
 * #MAX_MANIFEST_BYTES} bytes each, never through a link, and a path that is not a plain absolute
 * path is dropped. A manifest that cannot be read or parsed makes the whole list fall back to
 * {@code /}, with a warning; a build without these files (not Next, or an old one) falls back to
 * {@code /} silently, as the smoke start always did.
 */
public final class BuildRoutes {
  static final String ROUTES_MANIFEST = ".next/routes-manifest.json";
  static final String PRERENDER_MANIFEST = ".next/prerender-manifest.json";
  static final String APP_PATHS_MANIFEST = ".next/app-path-routes-manifest.json";
  static final String PAGES_MANIFEST = ".next/server/pages-manifest.json";
  /** Prerender manifests grow with the site (one entry per generated page); 16 MiB is thousands of pages. */
  static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
  /** A longer path is no page the build generated for users to type. */
  static final int MAX_PATH_CHARS = 1024;

  private BuildRoutes() {}

  /**
   * The routes to check in {@code release}, {@code /} (under basePath) first, at most {@code cap}.
   *
   * @param cap how many routes at most; the rest are counted in {@link RouteList#skipped()}
   */
  public static RouteList discover(Path release, int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be at least 1: " + cap);
    }
    Path routesFile = release.resolve(ROUTES_MANIFEST);
    Path prerenderFile = release.resolve(PRERENDER_MANIFEST);
    if (!Files.exists(routesFile, LinkOption.NOFOLLOW_LINKS) && !Files.exists(prerenderFile, LinkOption.NOFOLLOW_LINKS)) {
      return RouteList.fallback(Optional.empty());
    }
    String basePath = "";
    TreeSet<String> pages = new TreeSet<>();
    try {
      Optional<JsonNode> routes = read(routesFile);
      if (routes.isPresent()) {
        basePath = basePath(routes.get().path("basePath"));
        for (JsonNode route : array(routes.get(), "staticRoutes", ROUTES_MANIFEST)) {
          pages.add(text(route.path("page"), ROUTES_MANIFEST + " staticRoutes[].page"));
        }
      }
      Optional<JsonNode> prerender = read(prerenderFile);
      if (prerender.isPresent()) {
        JsonNode prerendered = prerender.get().path("routes");
        if (!prerendered.isObject()) {
          throw new IllegalArgumentException(PRERENDER_MANIFEST + " has no \"routes\" object");
        }
        prerendered.fieldNames().forEachRemaining(pages::add);
      }
      // {"/api/health/route": "/api/health", "/blog/[slug]/page": "/blog/[slug]"}: the values are routes.
      read(release.resolve(APP_PATHS_MANIFEST)).ifPresent(app -> app.elements().forEachRemaining(
          route -> withoutParameters(text(route, APP_PATHS_MANIFEST + " value")).ifPresent(pages::add)));
      // {"/_app": "pages/_app.js", "/api/hello": "pages/api/hello.js"}: the keys are routes.
      read(release.resolve(PAGES_MANIFEST)).ifPresent(pagesRouter -> pagesRouter.fieldNames().forEachRemaining(
          route -> withoutParameters(route).ifPresent(pages::add)));
    } catch (IOException | IllegalArgumentException e) {
      return RouteList.fallback(Optional.of("cannot read the build's route list (" + e.getMessage()
          + "); the smoke start checks / only"));
    }
    return RouteList.of(index(basePath), requestPaths(pages, basePath), cap);
  }

  private static List<String> requestPaths(TreeSet<String> pages, String basePath) {
    List<String> paths = new ArrayList<>();
    for (String page : pages) {
      if (!internal(page)) {
        requestPath(page).map(p -> p.equals("/") ? index(basePath) : basePath + p).ifPresent(paths::add);
      }
    }
    return paths;
  }

  /**
   * A route that needs no parameter: not {@code /blog/[slug]}, and not an interception route
   * ({@code /(.)photo}), which only answers during client navigation.
   */
  private static Optional<String> withoutParameters(String route) {
    return route.contains("[") || route.contains("(") ? Optional.empty() : Optional.of(route);
  }

  /** Next's own routes: {@code /_not-found}, {@code /_global-error}, {@code /_app}, {@code /_error}, ..., /404, /500. */
  static boolean internal(String page) {
    return page.startsWith("/_") || page.equals("/404") || page.equals("/500");
  }

  /**
   * A page as a request path: absolute, no query or fragment, no control characters; spaces and
   * non-ASCII characters percent-encoded (a page already holding {@code %} is taken as encoded).
   */
  static Optional<String> requestPath(String page) {
    if (!page.startsWith("/") || page.startsWith("//") || page.length() > MAX_PATH_CHARS
        || page.contains("?") || page.contains("#") || page.contains("\\")
        || page.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
      return Optional.empty();
    }
    String encoded;
    try {
      encoded = page.contains("%") ? page : new URI(null, null, page, null).toASCIIString();
      URI.create("http://127.0.0.1" + encoded);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return encoded.chars().allMatch(c -> c > ' ' && c < 0x7f) ? Optional.of(encoded) : Optional.empty();
  }

  private static String index(String basePath) {
    return basePath.isEmpty() ? "/" : basePath;
  }

  private static String basePath(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
      return "";
    }
    String value = text(node, ROUTES_MANIFEST + " basePath");
    Optional<String> path = requestPath(value);
    if (path.isEmpty() || value.endsWith("/")) {
      throw new IllegalArgumentException(ROUTES_MANIFEST + " has a basePath that is not a path");
    }
    return path.get();
  }

  private static Optional<JsonNode> read(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(file.getFileName() + " is not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new IllegalArgumentException(file.getFileName() + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(file.getFileName() + " is not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(file.getFileName() + " is not a JSON object");
    }
    return Optional.of(node);
  }

  private static Iterable<JsonNode> array(JsonNode parent, String field, String file) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(file + " " + field + " is not an array");
    }
    return () -> (Iterator<JsonNode>) node.elements();
  }

  private static String text(JsonNode node, String what) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(what + " is not a string");
    }
    return node.asText();
  }
}
