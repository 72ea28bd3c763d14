package dev.slipway.packager;

/**
 * Where a declaration of an env var name comes from, strongest first (issue #17): the .npmrc's
 * references (npm ci needs them), then an explicit flag, which
 * outranks slipway.json, which outranks the example files, which outrank what the build reads. A
 * name declared by a stronger source takes that source's word (required or optional) whatever a
 * weaker one says; within one source, required wins.
 */
enum EnvSource {
  /** The project's .npmrc references it as ${NAME}: npm ci fails on the server without it (issue #16). */
  NPMRC(".npmrc"),
  FLAG("--require-env / --optional-env"),
  PROJECT_CONFIG(ProjectConfig.FILE_NAME),
  EXAMPLE_FILE(".env.example / .env.production.example");

  private final String label;

  EnvSource(String label) {
    this.label = label;
  }

  /** How the README and messages name it. */
  String label() {
    return label;
  }

  boolean outranks(EnvSource other) {
    return ordinal() < other.ordinal();
  }
}
