package dev.slipway.installer.doctor;

import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import dev.slipway.installer.user.AppUser;
import dev.slipway.installer.deps.NodeTools;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code installer doctor} examines and with what.
 *
 * @param root the app's root folder; its live release is examined
 * @param envFile the env file holding the production values (default {@code ROOT/shared/.env.production})
 * @param node the node executable that runs the app
 * @param npm the npm executable, for {@code npm ls}
 * @param urls URLs that must answer 200-399 (the site through IIS, say); none: the url check is not listed
 * @param healthPaths what the started entry must answer 200-399 on; empty (the default): every
 *     route the build lists, as install's smoke start (issue #16)
 * @param startTimeout how long the started entry may take to answer
 * @param appUser who the started entry runs as when doctor is root (issue #20), as for install
 */
public record DoctorRequest(
    Path root,
    Optional<Path> envFile,
    String node,
    String npm,
    List<URI> urls,
    List<String> healthPaths,
    Duration startTimeout,
    AppUser appUser) {

  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  public DoctorRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(envFile, "envFile");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(npm, "npm");
    Objects.requireNonNull(appUser, "appUser");
    urls = List.copyOf(urls);
    healthPaths = List.copyOf(healthPaths);
    for (String path : healthPaths) {
      if (!path.startsWith("/") || path.startsWith("//") || path.chars().anyMatch(c -> c <= ' ')) {
        throw usage("BAD_HEALTH_PATH", "--health-path \"" + path + "\" is not a path: it starts with one / and has no spaces");
      }
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw usage("BAD_TIMEOUT", "--start-timeout must be at least 1 second");
    }
  }

  /** The defaults: node and npm on PATH, no URL, every route of the build, a 30 s start. */
  public static DoctorRequest of(Path root) {
    return new DoctorRequest(root, Optional.empty(), "node", NodeTools.defaultNpm(), List.of(), List.of(), DEFAULT_START_TIMEOUT,
        AppUser.UNSET);
  }

  public DoctorRequest withUrls(List<URI> value) {
    return new DoctorRequest(root, envFile, node, npm, value, healthPaths, startTimeout, appUser);
  }

  public DoctorRequest withEnvFile(Path file) {
    return new DoctorRequest(root, Optional.of(file), node, npm, urls, healthPaths, startTimeout, appUser);
  }

  public DoctorRequest withAppUser(AppUser user) {
    return new DoctorRequest(root, envFile, node, npm, urls, healthPaths, startTimeout, user);
  }

  public DoctorRequest withNode(String executable) {
    return new DoctorRequest(root, envFile, executable, npm, urls, healthPaths, startTimeout, appUser);
  }

  /**
   * Parses {@code --url} values: absolute http or https URLs.
   *
   * @throws SlipwayException USAGE for anything else
   */
  public static List<URI> parseUrls(List<String> values) {
    List<URI> urls = new ArrayList<>();
    for (String value : values) {
      try {
        URI uri = new URI(value);
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
          throw usage("BAD_URL", "--url " + value + " is not an http:// or https:// URL with a host");
        }
        urls.add(uri);
      } catch (URISyntaxException e) {
        throw usage("BAD_URL", "--url " + value + " is not a URL: " + e.getMessage());
      }
    }
    return urls;
  }

  private static SlipwayException usage(String code, String message) {
    return new SlipwayException(FailureKind.USAGE, code, message, null, "see installer doctor --help");
  }
}
