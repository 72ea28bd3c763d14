package dev.slipway.packager.analysis;

import java.util.List;

/**
 * Environment variables that built Next.js server code reads but that the application's operator
 * never has to provide: Next.js, Node.js, the hosting platform or the installer supply them, or the
 * code reading them works without them. Listing them in the env manifest as "needed" would make the
 * installer refuse a healthy release.
 *
 * <p>Checked against a Next.js 15.5 build: every name in its {@code .next/server} that the app
 * itself did not read falls in one of the groups below. To extend the list, add an entry to the
 * group it belongs to (or a new group with its reason). An entry ending in {@code *} matches every
 * name that starts with what precedes the star.
 */
final class FrameworkEnvNames {
  private static final List<String> PATTERNS =
      List.of(
          // Double underscore is the convention for bundler/framework internals (__NEXT_*,
          // __NEXT_EXPERIMENTAL_REACT, __webpack_*): build-time switches, never operator config.
          "__*",
          // Next.js sets these itself for each runtime and phase, or bakes them in at build time.
          "NEXT_RUNTIME",
          "NEXT_PHASE",
          "NEXT_DEPLOYMENT_ID",
          "TURBOPACK",
          // Next.js's private, tracing and telemetry switches: all optional, all have defaults.
          "NEXT_PRIVATE_*",
          "NEXT_OTEL_*",
          "NEXT_TELEMETRY_*",
          // Optional in Next.js: without it, a key generated at build time is used.
          "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
          // Set only by Vercel's platform; Next.js falls back without them, as on our hosts.
          "VERCEL",
          "VERCEL_*",
          // Where the server listens: the installer's service definition sets them.
          "PORT",
          "HOSTNAME",
          // `next start` sets NODE_ENV=production itself.
          "NODE_ENV",
          // Node.js's own settings (documented in `node --help`'s environment section): node reads
          // them, bundled libraries may peek at them, and every one is optional.
          "NODE_OPTIONS",
          "NODE_DEBUG",
          "NODE_DEBUG_NATIVE",
          "NODE_EXTRA_CA_CERTS",
          "NODE_TLS_REJECT_UNAUTHORIZED",
          "NODE_PATH",
          "NODE_NO_WARNINGS",
          "NODE_PENDING_DEPRECATION",
          "NODE_PRESERVE_SYMLINKS",
          "NODE_REDIRECT_WARNINGS",
          "NODE_V8_COVERAGE",
          "NODE_ICU_DATA",
          "NODE_DISABLE_COLORS",
          "NODE_COMPILE_CACHE",
          "NODE_UNIQUE_ID",
          "NODE_CHANNEL_FD",
          "UV_THREADPOOL_SIZE");

  /**
   * Names that libraries read for their own purposes (issue #17): the fallback for reads that cannot
   * be attributed to a module (webpack's production chunks have neither module paths nor source
   * maps). Where a source map tells that the app's own code reads one of these, it is warned about
   * like any other name.
   */
  private static final List<String> READ_BY_LIBRARIES =
      List.of(
          // Who runs the process: os.userInfo() fallbacks in logging and path helpers.
          "USER",
          "LOGNAME",
          "USERNAME",
          "LNAME",
          "HOME",
          "SHELL",
          // The `debug` package and its many users; dotenv's own switches.
          "DEBUG",
          "DEBUG_*",
          "DOTENV_KEY",
          "DOTENV_CONFIG_*",
          // Next.js's own debugging and metrics switches, outside the NEXT_PRIVATE_ prefix.
          "NEXT_DEBUG_BUILD",
          "NEXT_SSG_FETCH_METRICS",
          // Terminal colour detection (supports-color, picocolors, chalk).
          "FORCE_COLOR",
          "NO_COLOR",
          "TERM",
          "COLORTERM",
          "CI");

  /**
   * The app's own configuration that a library reads on its behalf (issue #17, #20): the read is in
   * {@code node_modules} code, yet the value is the operator's to set, and a missing one is the
   * production secret the warnings exist to catch. Each library reads the name itself when the app
   * passes nothing. Not here: tokens only a build step reads ({@code SENTRY_AUTH_TOKEN}, for
   * uploading source maps: a production server should not hold it), and keys an SDK takes only as
   * an argument ({@code STRIPE_SECRET_KEY}: the app's own read of it is warned about already).
   */
  private static final List<String> READ_FOR_THE_APP =
      List.of(
          // next-auth 4 and Auth.js 5: the session-signing secret and the canonical URL.
          "NEXTAUTH_SECRET",
          "NEXTAUTH_URL",
          "AUTH_SECRET",
          "AUTH_URL",
          // Prisma's client (the schema's env("DATABASE_URL")), and the convention of most ORMs.
          "DATABASE_URL",
          // @sentry/node and @sentry/nextjs, when Sentry.init is given no dsn.
          "SENTRY_DSN",
          // The official openai and @anthropic-ai/sdk clients, when constructed without a key.
          "OPENAI_API_KEY",
          "ANTHROPIC_API_KEY");

  private FrameworkEnvNames() {}

  static boolean contains(String name) {
    return matches(PATTERNS, name);
  }

  /** Whether {@code name} is one libraries commonly read for themselves (see READ_BY_LIBRARIES). */
  static boolean readByLibraries(String name) {
    return matches(READ_BY_LIBRARIES, name);
  }

  /** Whether {@code name} is app configuration even when only a library reads it (see READ_FOR_THE_APP). */
  static boolean readForTheApp(String name) {
    return READ_FOR_THE_APP.contains(name);
  }

  private static boolean matches(List<String> patterns, String name) {
    for (String pattern : patterns) {
      boolean matches =
          pattern.endsWith("*")
              ? name.startsWith(pattern.substring(0, pattern.length() - 1))
              : name.equals(pattern);
      if (matches) {
        return true;
      }
    }
    return false;
  }
}
