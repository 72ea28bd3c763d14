package dev.slipway.installer.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.format.Json;
import dev.slipway.format.Sha256;
import dev.slipway.installer.env.EnvFile;
import dev.slipway.installer.env.ReleaseEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must agree across hosts that serve one app, beyond the build (issue #24), read from the
 * live release as it runs:
 *
 * <ul>
 *   <li>{@code NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}: Next.js encrypts server-action closures with
 *       it; a request that one host encrypted and another decrypts fails unless both have the same
 *       key. Compared by a fingerprint (the first 12 hex digits of its value's SHA-256), never by
 *       value, from the release's {@code .env.production}, the file the live server loads.
 *   <li>the cache handler: without {@code cacheHandler} in next.config, ISR and the data cache live
 *       in each host's {@code .next/cache}, so hosts serve different pages for the same path.
 * </ul>
 *
 * @param envFingerprints name to {@code sha256:PREFIX}, or {@code missing} when the file does not set it
 * @param cacheHandler {@code file-system} (Next.js's default), the configured handler's path, or
 *     null when the build's {@code .next/required-server-files.json} cannot be read
 */
public record FleetFacts(Map<String, String> envFingerprints, String cacheHandler) {
  public FleetFacts {
    envFingerprints = Map.copyOf(envFingerprints);
  }

  static final List<String> FINGERPRINTED = List.of("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
  static final String MISSING = "missing";
  static final String FILE_SYSTEM = "file-system";
  private static final int PREFIX = 12;

  public static FleetFacts of(Path release) throws IOException {
    Path envFile = release.resolve(ReleaseEnvironment.RELEASE_ENV_FILE);
    Map<String, String> values = Files.isRegularFile(envFile) ? EnvFile.valuesOf(envFile, Set.copyOf(FINGERPRINTED)) : Map.of();
    Map<String, String> fingerprints = new TreeMap<>();
    for (String name : FINGERPRINTED) {
      String value = values.get(name);
      fingerprints.put(name, value == null || value.isEmpty() ? MISSING : fingerprint(value));
    }
    return new FleetFacts(fingerprints, cacheHandler(release.resolve(".next/required-server-files.json")));
  }

  public static String fingerprint(String value) {
    return "sha256:" + Sha256.of(value.getBytes(StandardCharsets.UTF_8)).substring(0, PREFIX);
  }

  private static String cacheHandler(Path serverFiles) {
    try {
      JsonNode handler = Json.mapper().readTree(serverFiles.toFile()).path("config").path("cacheHandler");
      return handler.isTextual() && !handler.asText().isBlank() ? handler.asText() : FILE_SYSTEM;
    } catch (IOException | RuntimeException e) {
      return null; // an adopted release, or a build edited by hand: "unknown", not a guess
    }
  }
}
