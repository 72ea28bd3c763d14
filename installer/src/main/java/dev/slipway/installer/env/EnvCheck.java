package dev.slipway.installer.env;

import dev.slipway.format.EnvManifest;
import dev.slipway.format.FailureKind;
import dev.slipway.format.SlipwayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 5 of an install, and re-checked by rollback: every required name of the env manifest must
 * be set, in the installer's environment or in the env file. All missing names are listed at once,
 * so the operator fixes them in one go. Values are never printed.
 */
public final class EnvCheck {
  private EnvCheck() {}

  /** @return warnings for missing optional names */
  public static List<String> check(EnvManifest manifest, Map<String, String> environment, EnvFile file, EnvSource source) {
    List<String> missing = missing(manifest.required(), environment, file);
    if (!missing.isEmpty()) {
      throw new SlipwayException(
          FailureKind.ENV_MISSING,
          "ENV_MISSING",
          "required environment variable" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are") + " not set (checked the environment and " + source.describe() + ")",
          null,
          source.fixFor(missing));
    }
    List<String> warnings = new ArrayList<>();
    for (String name : missing(manifest.optional(), environment, file)) {
      warnings.add("optional environment variable " + name + " is not set");
    }
    return warnings;
  }

  private static List<String> missing(List<String> names, Map<String, String> environment, EnvFile file) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      String value = environment.get(name);
      if ((value == null || value.isEmpty()) && !file.defines(name)) {
        missing.add(name);
      }
    }
    return missing;
  }
}
