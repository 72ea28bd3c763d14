package dev.slipway.installer.doctor;

import dev.slipway.format.EnvManifest;
import dev.slipway.installer.env.EnvFile;
import dev.slipway.installer.env.EnvSource;
import dev.slipway.installer.env.ReleaseEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code env}: every name the release's env manifest declares must be set (step 3 of the guide:
 * "Confirm every required environment variable exists in production"). A name counts as set when
 * it has a non-empty value in this process's environment, in the env file ({@code --env-file},
 * default {@code ROOT/shared/.env.production}) or in the release's own {@code .env.production},
 * which Next.js loads at start.
 *
 * <p>Verdicts: a required name set nowhere fails (all of them are listed at once); a missing
 * optional name, and a name set only in the env file but not in the release's {@code
 * .env.production} (the running app does not see it: the file is copied at install), are
 * warnings. Names the built code reads that nobody declared ({@code referencedUndeclared}) are
 * not judged, as install does not judge them: the packager warned about them, and code such as
 * {@code process.env.APP_VERSION || fallback} reads them without needing them. Values are read
 * only to tell empty from non-empty ({@link EnvFile}) and are never printed.
 */
final class EnvNamesCheck implements Check {
  static final String NAME = "env";

  private final Map<String, String> environment;
  private final EnvSource source;
  private final Path envFileShown;

  /** @param source the env file the next install reads ({@link ReleaseEnvironment#source}) */
  EnvNamesCheck(Map<String, String> environment, EnvSource source) {
    this.environment = Map.copyOf(environment);
    this.source = source;
    this.envFileShown = source.file().orElse(source.sharedFile());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(LiveRelease release) throws IOException {
    if (release.envManifest().isEmpty()) {
      return CheckResult.warn(NAME,
          "the release has no readable env manifest (.deploy/env.json), so the names it needs are unknown",
          "install releases packaged by packager: their env manifest names the variables the app needs");
    }
    EnvManifest declared = release.envManifest().get();
    EnvFile shared = source.read();
    Path releaseEnvPath = release.dir().resolve(ReleaseEnvironment.RELEASE_ENV_FILE);
    EnvFile releaseEnv = Files.isRegularFile(releaseEnvPath) ? EnvFile.read(releaseEnvPath) : EnvFile.empty();

    List<String> missingRequired = new ArrayList<>();
    List<String> missingOptional = new ArrayList<>();
    List<String> notInRelease = new ArrayList<>();
    List<String> onlyInRelease = new ArrayList<>();
    for (String name : declared.required()) {
      classify(name, shared, releaseEnv, missingRequired, notInRelease);
      if (releaseEnv.defines(name) && !inEnvironment(name) && !shared.defines(name)) {
        onlyInRelease.add(name);
      }
    }
    for (String name : declared.optional()) {
      classify(name, shared, releaseEnv, missingOptional, notInRelease);
    }

    String where = "checked this environment, the release's " + ReleaseEnvironment.RELEASE_ENV_FILE + " and "
        + source.describe();
    List<String> findings = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (!missingRequired.isEmpty()) {
      findings.add("required " + names(missingRequired) + (missingRequired.size() == 1 ? " is" : " are") + " not set");
      fixes.add("add " + names(missingRequired) + " to " + envFileShown + " (NAME=value lines) or to the service's"
          + " environment, then install the archive again (installer install) so the release's "
          + ReleaseEnvironment.RELEASE_ENV_FILE + " has " + (missingRequired.size() == 1 ? "it" : "them"));
    }
    if (!notInRelease.isEmpty()) {
      findings.add(names(notInRelease) + (notInRelease.size() == 1 ? " is" : " are") + " set in " + envFileShown
          + " but not in the release's " + ReleaseEnvironment.RELEASE_ENV_FILE
          + ", which Next.js loads: the running app does not see " + (notInRelease.size() == 1 ? "it" : "them")
          + " unless the service's environment sets " + (notInRelease.size() == 1 ? "it" : "them"));
      fixes.add("install the archive again (installer install) so the release gets the current " + envFileShown.getFileName());
    }
    if (!onlyInRelease.isEmpty()) {
      // What install and rollback would do (issue #17): they read the env file, not this copy.
      findings.add("required " + names(onlyInRelease) + (onlyInRelease.size() == 1 ? " is" : " are")
          + " set only in the release's " + ReleaseEnvironment.RELEASE_ENV_FILE + ": the next install reads "
          + source.describe() + " and would be refused (ENV_MISSING)");
      fixes.add("add " + onlyInRelease.stream().map(n -> n + "=...").collect(java.util.stream.Collectors.joining(", "))
          + " to " + envFileShown + " (mode 0600), or pass --env-file FILE to the next install");
    }
    if (!missingOptional.isEmpty()) {
      findings.add("optional " + names(missingOptional) + (missingOptional.size() == 1 ? " is" : " are") + " not set");
    }
    if (findings.isEmpty()) {
      int count = declared.required().size() + declared.optional().size();
      return CheckResult.ok(NAME, count == 0
          ? "the release declares no environment variables"
          : declared.required().size() + " required and " + declared.optional().size() + " optional name"
              + (declared.optional().size() == 1 ? "" : "s") + " set"
              + (declared.required().isEmpty() ? "" : " (" + names(declared.required()) + ")"));
    }
    Verdict verdict = missingRequired.isEmpty() ? Verdict.WARN : Verdict.FAIL;
    return new CheckResult(NAME, verdict, String.join("; ", findings) + " (" + where + ")",
        fixes.isEmpty() ? null : String.join("; ", fixes), null);
  }

  private void classify(String name, EnvFile shared, EnvFile releaseEnv, List<String> missing, List<String> notInRelease) {
    if (inEnvironment(name) || releaseEnv.defines(name)) {
      return;
    }
    if (shared.defines(name)) {
      notInRelease.add(name);
    } else {
      missing.add(name);
    }
  }

  private boolean inEnvironment(String name) {
    String value = environment.get(name);
    return value != null && !value.isEmpty();
  }

  private static String names(List<String> names) {
    return String.join(", ", names);
  }
}
