package dev.slipway.packager;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Json;
import dev.slipway.format.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The optional {@code slipway.json} in the project's root, for what a team wants on every run
 * without repeating flags in CI. Its lists are added to the command line's.
 *
 * <pre>{ "requireEnv": ["DATABASE_URL"], "optionalEnv": ["SENTRY_DSN"],
 *   "include": ["data"], "allowSecretFile": [] }</pre>
 */
public record ProjectConfig(
    List<String> requireEnv, List<String> optionalEnv, List<String> include, List<String> allowSecretFile) {
  public static final String FILE_NAME = "slipway.json";

  public ProjectConfig {
    requireEnv = requireEnv == null ? List.of() : List.copyOf(requireEnv);
    optionalEnv = optionalEnv == null ? List.of() : List.copyOf(optionalEnv);
    include = include == null ? List.of() : List.copyOf(include);
    allowSecretFile = allowSecretFile == null ? List.of() : List.copyOf(allowSecretFile);
  }

  public static ProjectConfig read(Path projectDir) {
    Path file = projectDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return new ProjectConfig(null, null, null, null);
    }
    try {
      return Json.mapper().readValue(file.toFile(), ProjectConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new SlipwayException(
          FailureKind.PROJECT,
          "BAD_PROJECT_CONFIG",
          file + " is not valid: " + e.getMessage().lines().findFirst().orElse(""),
          null,
          "fix the JSON (keys: requireEnv, optionalEnv, include, allowSecretFile) or remove the file");
    }
  }
}
