package dev.slipway.format;

/**
 * The single table of failure kinds and their process exit codes, shared by both command lines.
 *
 * <p>Scripts branch on these numbers, so they are part of the product: never renumber one, only
 * add. The table is docs/reference/exit-codes.md (ExitCodeTableTest keeps it true); the command-line factories map an
 * escaping {@link SlipwayException} to {@link #exitCode()} in one place (the jbang approach).
 */
public enum FailureKind {
  /** Anything we did not anticipate: a bug in Slipway. */
  INTERNAL(1, "unexpected internal error (a bug: please report it with the output)"),
  USAGE(2, "bad command line: unknown option, missing argument, unreadable input path"),

  // packager: the project cannot be packaged as it is
  PROJECT(10, "project refused: no or invalid package.json, a missing file named by --include, or files that cannot be packaged"),
  LOCKFILE(11, "lockfile missing or out of sync with package.json"),
  BUILD_MISSING(12, "no production build: .next/BUILD_ID or .next/static missing"),
  CONFIG_DEV_DEPENDENCY(13, "the server would need a package that is only a devDependency: next.config imports it, or Turbopack links to it"),
  SECRET_FILE(14, "a file that looks like a secret was asked for without --allow-secret-file"),
  BUILD_FAILED(15, "--build: npm ci or npm run build failed; --bundle-deps: npm ci --omit=dev failed"),

  // installer
  INTEGRITY(20, "archive refused: checksum mismatch, missing or invalid signature, unsafe or unexpected entry, manifest mismatch"),
  NODE_PREFLIGHT(21, "Node.js or npm on this host does not match what the release was built for"),
  ENV_MISSING(22, "required environment variables are not set"),
  NPM_FAILED(23, "npm ci --omit=dev failed"),
  SMOKE_FAILED(24, "the release did not start and answer its health paths"),
  LOCKED(25, "another installer holds the lock on this root"),
  LIVE_CHECK_ROLLED_BACK(26, "the live check failed after the switch; rolled back to the previous release"),
  NOTHING_TO_ROLL_BACK(27, "no good release to roll back to"),
  ROOT_LAYOUT(28, "the root folder cannot be used: unwritable, or `current` is not a link we manage"),
  DOCTOR_FAILED(29, "installer doctor: at least one check failed"),
  DISK_FULL(30, "no space left on the device while writing the release"),
  GO_LIVE_FAILED(31, "the restart command or live check failed and there was no good release to return to"),
  LOCAL_IO(32, "a file or folder on this host could not be read or written: permissions, a read-only or failing file system"),
  APP_USER(33, "archive code would run as root, or the service user named cannot be used"),
  SWITCH_FAILED(34, "blue/green: the new instance could not be started on an idle slot; nginx still serves the release it served"),
  WEB_SERVER(35, "the web server cannot be told: --iis-site given but appcmd.exe, the IIS site or the application is missing"),

  INTERRUPTED_INT(130, "interrupted by Ctrl-C (SIGINT); the run was aborted cleanly"),
  INTERRUPTED_TERM(143, "terminated by SIGTERM; the run was aborted cleanly");

  private final int exitCode;
  private final String meaning;

  FailureKind(int exitCode, String meaning) {
    this.exitCode = exitCode;
    this.meaning = meaning;
  }

  public int exitCode() {
    return exitCode;
  }

  public String meaning() {
    return meaning;
  }
}
