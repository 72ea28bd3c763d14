package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One behaviour per test: the cause named, the exception quoted, the fix given. */
class ClassifierTest {
  private static final Classifier CLASSIFIER = new Classifier();
  private static final int SMOKE_PORT = 41873;

  private static Diagnosis app(String log) {
    return app(log, Context.empty());
  }

  private static Diagnosis app(String log, Context context) {
    return CLASSIFIER.classify(Source.APP, Corpus.log(log), context);
  }

  private static Diagnosis npm(String log) {
    return CLASSIFIER.classify(Source.NPM, Corpus.log(log), Context.empty());
  }

  private static Context deps(Set<String> dependencies, Set<String> devDependencies) {
    return Context.empty().withDependencies(dependencies, devDependencies);
  }

  @Nested
  class NodeVersion {
    @Test
    void next_refusing_an_old_node_is_node_too_old_naming_both_versions() {
      Diagnosis d = app("app-node-too-old.log");

      assertThat(d.code()).isEqualTo("NODE_TOO_OLD_FOR_NEXT");
      assertThat(d.explanation()).contains("18.17.1").contains("\"^18.18.0 || ^19.8.0 || >= 20.0.0\"");
      assertThat(d.firstException()).isEqualTo(
          "You are using Node.js 18.17.1. For Next.js, Node.js version \"^18.18.0 || ^19.8.0 || >= 20.0.0\" is required.");
      assertThat(d.fix()).contains("^18.18.0 || ^19.8.0 || >= 20.0.0").contains("install a Node.js");
    }

    @Test
    void npm_refusing_an_engine_names_the_package_and_the_required_range() {
      Diagnosis d = npm("npm-ebadengine.log");

      assertThat(d.code()).isEqualTo("NODE_ENGINES_MISMATCH");
      assertThat(d.explanation()).contains("next@15.1.6").contains("^18.18.0 || ^19.8.0 || >= 20.0.0");
      assertThat(d.firstException())
          .startsWith("npm error code EBADENGINE")
          .contains("npm error notsup Actual:   {\"npm\":\"10.8.2\",\"node\":\"v18.17.1\"}")
          .doesNotContain("A complete log");
      assertThat(d.fix()).contains("^18.18.0 || ^19.8.0 || >= 20.0.0");
    }

    @Test
    void a_preflight_major_mismatch_names_both_versions_and_the_major_to_install() {
      Diagnosis d = CLASSIFIER.nodeMajorMismatch("v20.11.1", "v18.19.0");

      assertThat(d.code()).isEqualTo("NODE_MAJOR_MISMATCH");
      assertThat(d.explanation()).contains("v20.11.1").contains("v18.19.0");
      assertThat(d.firstException()).contains("builtWith.node: v20.11.1").contains("node --version: v18.19.0");
      assertThat(d.fix()).contains("install Node.js 20").contains("Node.js 18");
    }

    @Test
    void a_preflight_engines_mismatch_names_the_range_and_the_host_version() {
      Diagnosis d = CLASSIFIER.enginesMismatch(">=20.9.0", "v18.19.0");

      assertThat(d.code()).isEqualTo("NODE_ENGINES_MISMATCH");
      assertThat(d.explanation()).contains(">=20.9.0").contains("v18.19.0");
      assertThat(d.fix()).contains(">=20.9.0");
    }
  }

  @Nested
  class Build {
    @Test
    void next_start_without_a_build_is_no_production_build_quoting_the_error_and_its_first_frame() {
      Diagnosis d = app("app-no-build.log");

      assertThat(d.code()).isEqualTo("NO_PRODUCTION_BUILD");
      assertThat(d.firstException().lines().toList()).containsExactly(
          "Error: Could not find a production build in the '.next' directory. Try building your app with 'next build'"
              + " before starting the production server. https://nextjs.org/docs/messages/production-start-no-build-id",
          "    at setupFsCheck (/var/www/shop/releases/20260301T101502Z-Yx9kQ2/node_modules/next/dist/server/lib/"
              + "router-utils/filesystem.js:151:19)");
      assertThat(d.fix()).contains("next build").contains(".next/BUILD_ID");
    }

    @Test
    void a_missing_build_manifest_is_no_production_build_naming_the_file() {
      Diagnosis d = app("app-prerender-manifest-missing.log");

      assertThat(d.code()).isEqualTo("NO_PRODUCTION_BUILD");
      assertThat(d.explanation()).contains(".next/prerender-manifest.json");
      assertThat(d.firstException()).startsWith("Error: ENOENT: no such file or directory, open '")
          .contains("    at Object.openSync (node:fs:573:18)")
          .doesNotContain("readFileSync");
    }

    @Test
    void a_missing_next_static_folder_is_static_missing() {
      Diagnosis d = app("app-static-missing.log");

      assertThat(d.code()).isEqualTo("STATIC_MISSING");
      assertThat(d.explanation()).contains(".next/static");
      assertThat(d.firstException()).startsWith("Error: ENOENT: no such file or directory, scandir '")
          .endsWith("    at async Object.readdir (node:internal/fs/promises:950:18)");
      assertThat(d.fix()).contains(".next/static").contains("next build");
    }
  }

  @Nested
  class EnvironmentVariables {
    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "app-env-missing-required.log | DATABASE_URL      | Error: Missing required environment variable: DATABASE_URL",
        "app-env-not-set.log          | STRIPE_SECRET_KEY | \" ⨯ Error: Environment variable STRIPE_SECRET_KEY is not set\"",
        "app-prisma-env.log           | DATABASE_URL      | PrismaClientInitializationError: error: Environment variable not found: DATABASE_URL.",
        "app-t3-env.log               | DATABASE_URL      | ❌ Invalid environment variables: { DATABASE_URL: [ 'Required' ], NEXTAUTH_URL: [ 'Required' ] }",
        "app-next-auth-secret.log     | NEXTAUTH_SECRET   | [next-auth][error][NO_SECRET]",
        "app-authjs-secret.log        | AUTH_SECRET       | [auth][error] MissingSecret: Please define a `secret`. Read more at https://errors.authjs.dev#missingsecret",
    })
    void an_app_error_naming_an_unset_variable_is_env_var_unset_with_the_name_in_the_fix(
        String log, String variable, String firstLine) {
      Diagnosis d = app(log);

      assertThat(d.code()).isEqualTo("ENV_VAR_UNSET");
      assertThat(d.explanation()).contains(variable);
      assertThat(d.fix()).contains("set " + variable);
      assertThat(d.firstException().lines().findFirst()).contains(firstLine);
      assertThat(d.firstException()).containsPattern("(?m)^\\s+at \\S");
    }

    @Test
    void a_message_printed_before_its_exception_is_quoted_with_that_exception() {
      Diagnosis d = app("app-t3-env.log");

      assertThat(d.firstException().lines().toList()).containsExactly(
          "❌ Invalid environment variables: { DATABASE_URL: [ 'Required' ], NEXTAUTH_URL: [ 'Required' ] }",
          "Error: Invalid environment variables",
          "    at onValidationError (file:///var/www/shop/releases/20260301T101502Z-Yx9kQ2/node_modules/@t3-oss/"
              + "env-core/dist/index.js:34:15)");
    }

    @Test
    void the_source_line_node_echoes_above_an_uncaught_throw_is_not_quoted_as_the_error() {
      String log = String.join("\n",
          "/srv/app/server.js:4",
          "  throw new Error('Environment variable SESSION_KEY is not set');",
          "  ^",
          "",
          "Error: Environment variable SESSION_KEY is not set",
          "    at Object.<anonymous> (/srv/app/server.js:4:9)",
          "    at Module._compile (node:internal/modules/cjs/loader:1521:14)",
          "",
          "Node.js v20.20.2");

      Diagnosis d = CLASSIFIER.classify(Source.APP, log, Context.empty());

      assertThat(d.code()).isEqualTo("ENV_VAR_UNSET");
      assertThat(d.firstException()).isEqualTo(
          "Error: Environment variable SESSION_KEY is not set\n    at Object.<anonymous> (/srv/app/server.js:4:9)");
    }

    @Test
    void declared_variables_that_are_not_set_are_named_without_any_value() {
      Diagnosis d = CLASSIFIER.envNotSet(List.of("DATABASE_URL", "NEXTAUTH_SECRET"));

      assertThat(d.code()).isEqualTo("ENV_VAR_UNSET");
      assertThat(d.explanation()).contains("DATABASE_URL, NEXTAUTH_SECRET");
      assertThat(d.fix()).contains("DATABASE_URL, NEXTAUTH_SECRET");
      assertThat(d.firstException()).isNull();
    }
  }

  @Nested
  class Modules {
    @Test
    void a_missing_package_is_module_missing_named_by_its_package_not_its_subpath() {
      Diagnosis d = app("app-cannot-find-module.log", deps(Set.of("next", "react"), Set.of("typescript")));

      assertThat(d.code()).isEqualTo("MODULE_MISSING");
      assertThat(d.explanation()).contains("date-fns").doesNotContain("date-fns/format");
      assertThat(d.fix()).contains("npm install date-fns");
      assertThat(d.firstException())
          .startsWith(" ⨯ Error: Cannot find module 'date-fns/format'\nRequire stack:\n")
          .endsWith("    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)");
    }

    @Test
    void turbopacks_hashed_external_name_is_blamed_on_the_real_package() {
      Diagnosis d = app("app-turbopack-hashed-external.log", deps(Set.of("next", "react"), Set.of("typescript")));

      assertThat(d.code()).isEqualTo("MODULE_MISSING");
      assertThat(d.explanation()).isEqualTo("the app requires node-cron, which is not installed in the release");
      assertThat(d.fix()).contains("npm install node-cron)").doesNotContain("850d997d12dc4759");
      assertThat(d.firstException()).startsWith("⨯ Error: Failed to load external module node-cron-850d997d12dc4759");
    }

    @Test
    void a_hashed_name_whose_package_is_a_dev_dependency_is_blamed_on_omit_dev() {
      Diagnosis d = app("app-turbopack-hashed-external.log", deps(Set.of("next"), Set.of("node-cron")));

      assertThat(d.code()).isEqualTo("DEV_DEPENDENCY_MISSING");
      assertThat(d.fix()).contains("move node-cron from devDependencies to dependencies");
      assertThat(ModuleNames.unhashed("@scope/pkg-1da2903d5925b8a2")).isEqualTo("@scope/pkg");
      assertThat(ModuleNames.unhashed("date-fns")).isEqualTo("date-fns");
    }

    @Test
    void a_missing_module_that_is_a_dev_dependency_is_blamed_on_omit_dev() {
      Diagnosis d = app("app-esm-cannot-find-package.log",
          deps(Set.of("next", "react", "pino"), Set.of("pino-pretty", "typescript")));

      assertThat(d.code()).isEqualTo("DEV_DEPENDENCY_MISSING");
      assertThat(d.explanation()).contains("pino-pretty").contains("--omit=dev");
      assertThat(d.fix()).contains("move pino-pretty from devDependencies to dependencies");
      assertThat(d.firstException()).isEqualTo(
          "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'pino-pretty' imported from "
              + "/var/www/shop/releases/20260301T101502Z-Yx9kQ2/server.mjs\n"
              + "    at packageResolve (node:internal/modules/esm/resolve:873:9)");
    }

    @Test
    void a_scoped_dev_dependency_required_by_next_config_is_named_with_its_scope() {
      Diagnosis d = app("app-next-config-dev-dependency.log",
          deps(Set.of("next", "react"), Set.of("@next/bundle-analyzer")));

      assertThat(d.code()).isEqualTo("DEV_DEPENDENCY_MISSING");
      assertThat(d.fix()).contains("move @next/bundle-analyzer from devDependencies");
    }

    @Test
    void a_package_listed_in_dependencies_too_is_not_blamed_on_omit_dev() {
      Diagnosis d = app("app-esm-cannot-find-package.log",
          deps(Set.of("next", "pino-pretty"), Set.of("pino-pretty")));

      assertThat(d.code()).isEqualTo("MODULE_NOT_INSTALLED");
      assertThat(d.fix()).contains("npm ls pino-pretty");
    }

    @Test
    void without_package_json_a_missing_dev_dependency_is_still_a_missing_module() {
      Diagnosis d = app("app-esm-cannot-find-package.log");

      assertThat(d.code()).isEqualTo("MODULE_MISSING");
      assertThat(d.fix()).contains("pino-pretty");
    }

    @Test
    void a_missing_dependency_is_module_not_installed() {
      Diagnosis d = app("app-next-missing.log", deps(Set.of("next", "react"), Set.of()));

      assertThat(d.code()).isEqualTo("MODULE_NOT_INSTALLED");
      assertThat(d.explanation()).startsWith("next is in dependencies");
      assertThat(d.firstException()).startsWith("Error: Cannot find module 'next'");
    }

    @Test
    void a_missing_file_is_module_file_missing_naming_the_path() {
      Diagnosis d = app("app-entry-missing.log");

      assertThat(d.code()).isEqualTo("MODULE_FILE_MISSING");
      assertThat(d.explanation()).endsWith("/var/www/shop/releases/20260301T101502Z-Yx9kQ2/server.js");
      assertThat(d.firstException()).startsWith("Error: Cannot find module '/var/www/")
          .doesNotContain("throw err");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "@scope/pkg/sub/deep, @scope/pkg",
        "@scope/pkg, @scope/pkg",
        "lodash/merge, lodash",
        "'is-number', is-number",
        "./lib/db, null",
        "../x.js, null",
        "/srv/app/server.js, null",
        "C:\\inetpub\\shop\\server.js, null",
        "file:///srv/app/x.mjs, null",
    })
    void a_module_specifier_is_reduced_to_its_package(String specifier, String expected) {
      assertThat(ModuleNames.packageName(specifier)).isEqualTo(expected);
    }
  }

  @Nested
  class NativeAddons {
    @Test
    void an_addon_built_for_another_node_is_native_module_abi_with_npm_rebuild_of_that_module() {
      Diagnosis d = app("app-native-abi.log");

      assertThat(d.code()).isEqualTo("NATIVE_MODULE_ABI");
      assertThat(d.explanation()).contains("better-sqlite3").contains("108").contains("115");
      assertThat(d.fix()).contains("npm rebuild better-sqlite3");
      assertThat(d.firstException().lines().toList())
          .startsWith(" ⨯ Error: The module '/var/www/shop/releases/20260301T101502Z-Yx9kQ2/node_modules/better-sqlite3/"
              + "build/Release/better_sqlite3.node'")
          .contains("NODE_MODULE_VERSION 108. This version of Node.js requires")
          .endsWith("    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)");
    }

    @Test
    void an_addon_built_for_another_platform_is_native_module_abi_naming_the_reason() {
      Diagnosis d = app("app-native-elf.log");

      assertThat(d.code()).isEqualTo("NATIVE_MODULE_ABI");
      assertThat(d.explanation()).contains("bcrypt").contains("invalid ELF header");
      assertThat(d.fix()).contains("npm rebuild bcrypt");
    }

    @Test
    void any_other_dlopen_failure_is_native_module_abi_quoting_the_error_and_its_code() {
      Diagnosis d = app("app-native-glibc.log");

      assertThat(d.code()).isEqualTo("NATIVE_MODULE_ABI");
      assertThat(d.fix()).contains("npm rebuild");
      assertThat(d.firstException().lines().toList()).containsExactly(
          " ⨯ Error: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by /var/www/shop/releases/"
              + "20260301T101502Z-Yx9kQ2/node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node)",
          "    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)",
          "  code: 'ERR_DLOPEN_FAILED'");
    }
  }

  @Nested
  class Ports {
    @Test
    void a_port_held_by_another_process_is_port_in_use_naming_the_port() {
      Diagnosis d = app("app-eaddrinuse.log", Context.empty().withPort(3000));

      assertThat(d.code()).isEqualTo("PORT_IN_USE");
      assertThat(d.explanation()).contains("port 3000");
      assertThat(d.fix()).contains(":3000");
      assertThat(d.firstException()).startsWith("Error: listen EADDRINUSE: address already in use :::3000\n    at ");
    }

    @Test
    void address_in_use_on_another_port_than_the_one_given_is_fixed_port() {
      Diagnosis d = app("app-eaddrinuse-fixed-port.log", Context.empty().withPort(SMOKE_PORT));

      assertThat(d.code()).isEqualTo("FIXED_PORT");
      assertThat(d.explanation()).contains("3000").contains(String.valueOf(SMOKE_PORT));
      assertThat(d.fix()).contains("process.env.PORT");
      assertThat(d.firstException()).startsWith("Error: listen EADDRINUSE: address already in use 0.0.0.0:3000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "smoke-next-fixed-port.log       | 3000 | \"   - Local:        http://localhost:3000\"",
        "smoke-custom-ready-on.log       | 3000 | > Ready on http://localhost:3000",
        "smoke-next13-started-server.log | 3000 | ready - started server on 0.0.0.0:3000, url: http://localhost:3000",
        "smoke-express-listening.log     | 8080 | [2026-03-01T10:15:31.688Z] INFO: Server listening on port 8080",
    })
    void an_app_announcing_another_port_than_port_is_fixed_port(String log, String announced, String line) {
      Diagnosis d = CLASSIFIER.neverListens(true, SMOKE_PORT, Corpus.log(log));

      assertThat(d.code()).isEqualTo("FIXED_PORT");
      assertThat(d.explanation()).contains("port " + announced).contains(String.valueOf(SMOKE_PORT));
      assertThat(d.fix()).containsPattern("PORT");
      assertThat(d.firstException()).isEqualTo(line);
      assertThat(CLASSIFIER.fixedPort(SMOKE_PORT, Corpus.log(log))).contains(d);
    }

    @Test
    void on_one_line_matched_by_two_signatures_the_one_higher_in_the_data_file_words_it() {
      // "started server on 0.0.0.0:3000" is also a generic "started server ... on <port>" line
      Diagnosis d = CLASSIFIER.neverListens(true, SMOKE_PORT, Corpus.log("smoke-next13-started-server.log"));

      assertThat(d.fix()).contains("next start reads PORT");
    }

    @Test
    void an_app_announcing_the_port_it_was_given_is_not_a_fixed_port() {
      assertThat(CLASSIFIER.fixedPort(3000, Corpus.log("smoke-next-fixed-port.log"))).isEmpty();
      assertThat(CLASSIFIER.fixedPort(SMOKE_PORT, Corpus.log("app-no-build.log"))).isEmpty();
    }

    @Test
    void an_app_that_runs_and_never_listens_is_never_listens_naming_the_port() {
      Diagnosis d = CLASSIFIER.neverListens(true, SMOKE_PORT, Corpus.log("smoke-silent.log"));

      assertThat(d.code()).isEqualTo("NEVER_LISTENS");
      assertThat(d.explanation()).contains("127.0.0.1:" + SMOKE_PORT);
      assertThat(d.fix()).contains("process.env.PORT");
      assertThat(d.firstException()).isNull();
    }

    @Test
    void an_app_announcing_the_right_port_but_not_answering_quotes_its_announcement() {
      Diagnosis d = CLASSIFIER.neverListens(true, SMOKE_PORT, Corpus.log("smoke-next-hostname.log"));

      assertThat(d.code()).isEqualTo("NEVER_LISTENS");
      assertThat(d.firstException()).isEqualTo("   - Local:        http://web-7f9c6d:41873");
      assertThat(d.fix()).contains("HOSTNAME");
    }

    @Test
    void a_known_failure_in_the_log_of_an_app_that_never_listened_names_that_failure() {
      Diagnosis d = CLASSIFIER.neverListens(true, SMOKE_PORT, Corpus.log("app-prisma-env.log"));

      assertThat(d.code()).isEqualTo("ENV_VAR_UNSET");
    }

    @Test
    void an_app_that_exited_without_a_known_cause_is_unknown_not_never_listens() {
      Diagnosis d = CLASSIFIER.neverListens(false, SMOKE_PORT, Corpus.log("app-unknown-typeerror.log"),
          Context.empty().withExitCode(1));

      assertThat(d.code()).isEqualTo("UNKNOWN");
      assertThat(d.firstException()).startsWith(" ⨯ TypeError: Cannot read properties of undefined (reading 'map')");
    }
  }

  @Nested
  class Memory {
    @Test
    void heap_out_of_memory_is_heap_exhausted_with_max_old_space_size_in_the_fix() {
      Diagnosis d = app("app-heap.log", Context.empty().withExitCode(134));

      assertThat(d.code()).isEqualTo("HEAP_EXHAUSTED");
      assertThat(d.firstException())
          .isEqualTo("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
      assertThat(d.fix()).contains("NODE_OPTIONS=--max-old-space-size=");
    }

    @Test
    void exit_code_134_without_a_known_cause_in_the_log_is_heap_exhausted() {
      Diagnosis d = app("app-exit-134-cut.log", Context.empty().withExitCode(134));

      assertThat(d.code()).isEqualTo("HEAP_EXHAUSTED");
      assertThat(d.explanation()).contains("134");
      assertThat(d.fix()).contains("NODE_OPTIONS=--max-old-space-size=");
    }

    @Test
    void the_same_log_with_another_exit_code_is_unknown() {
      Diagnosis d = app("app-exit-134-cut.log", Context.empty().withExitCode(137));

      assertThat(d.code()).isEqualTo("UNKNOWN");
    }

    @Test
    void a_cause_in_the_log_beats_exit_code_134() {
      Diagnosis d = app("app-window.log", Context.empty().withExitCode(134));

      assertThat(d.code()).isEqualTo("BROWSER_API_ON_SERVER");
    }
  }

  @Nested
  class ServerRendering {
    @Test
    void window_during_server_rendering_is_browser_api_on_server_quoting_the_component_frame() {
      Diagnosis d = app("app-window.log");

      assertThat(d.code()).isEqualTo("BROWSER_API_ON_SERVER");
      assertThat(d.explanation()).contains("window");
      assertThat(d.fix()).contains("useEffect").contains("window");
      assertThat(d.firstException()).isEqualTo(
          " ⨯ ReferenceError: window is not defined\n"
              + "    at CartBadge (/var/www/shop/releases/20260301T101502Z-Yx9kQ2/.next/server/app/page.js:1:5123)");
    }

    @Test
    void local_storage_during_server_rendering_is_browser_api_on_server() {
      Diagnosis d = app("app-localstorage.log");

      assertThat(d.code()).isEqualTo("BROWSER_API_ON_SERVER");
      assertThat(d.fix()).contains("localStorage");
      assertThat(d.firstException()).contains("at useCart (");
    }

    @Test
    void document_during_server_rendering_is_browser_api_on_server() {
      String log = "ReferenceError: document is not defined\n"
          + "    at Editor (/srv/app/.next/server/app/editor/page.js:1:912)\n";

      Diagnosis d = CLASSIFIER.classify(Source.APP, log, Context.empty());

      assertThat(d.code()).isEqualTo("BROWSER_API_ON_SERVER");
      assertThat(d.fix()).contains("use document only in the browser");
    }
  }

  @Nested
  class Npm {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"npm11-lockfile-out-of-sync.log, npm error", "npm9-lockfile-out-of-sync.log, npm ERR!"})
    void npm_ci_refusing_an_out_of_sync_lockfile_is_lockfile_out_of_sync_quoting_what_differs(
        String log, String prefix) {
      Diagnosis d = npm(log);

      assertThat(d.code()).isEqualTo("LOCKFILE_OUT_OF_SYNC");
      assertThat(d.firstException())
          .startsWith(prefix + " code EUSAGE\n" + prefix + " `npm ci` can only install packages when your package.json")
          .contains(prefix + " Missing: ")
          .doesNotContain("Usage:", "Clean install a project", "--install-strategy", "A complete log");
      assertThat(d.fix()).contains("npm install").contains("package-lock.json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"npm11-eresolve.log, npm error", "npm9-eresolve.log, npm ERR!"})
    void a_peer_dependency_conflict_is_its_own_cause_pointing_at_the_projects_npmrc(String log, String prefix) {
      Diagnosis d = npm(log);

      assertThat(d.code()).isEqualTo("PEER_DEPENDENCY_CONFLICT");
      assertThat(d.explanation()).startsWith("npm ci could not resolve the peer dependencies of react-dom@17.0.2 (ERESOLVE)");
      assertThat(d.fix()).contains(".npmrc", "legacy-peer-deps=true", "repackage");
      assertThat(d.firstException()).startsWith(prefix + " code ERESOLVE\n");
    }

    @Test
    void npm_ci_without_a_lockfile_is_no_lockfile() {
      Diagnosis d = npm("npm-no-lockfile.log");

      assertThat(d.code()).isEqualTo("NO_LOCKFILE");
      assertThat(d.firstException().lines().toList()).containsExactly(
          "npm error code EUSAGE",
          "npm error The `npm ci` command can only install with an existing package-lock.json or",
          "npm error npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or",
          "npm error later to generate a package-lock.json file, then try again.");
      assertThat(d.fix()).contains("package-lock.json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "npm-econnrefused.log, http://npm.internal.example:4873, ECONNREFUSED",
        "npm-enotfound.log, https://registry.npmjs.org, ENOTFOUND",
        "npm9-socket-timeout.log, https://registry.npmjs.org, ERR_SOCKET_TIMEOUT",
    })
    void an_unreachable_registry_is_registry_unreachable_naming_it(String log, String registry, String errno) {
      Diagnosis d = npm(log);

      assertThat(d.code()).isEqualTo("REGISTRY_UNREACHABLE");
      assertThat(d.explanation()).contains(registry).contains(errno);
      assertThat(d.fix()).contains(registry);
      assertThat(d.firstException()).containsPattern("^npm (error|ERR!) code " + errno);
    }

    @Test
    void the_npm_block_keeps_one_stack_frame_and_drops_the_property_dump() {
      Diagnosis d = npm("npm-econnrefused.log");

      assertThat(d.firstException().lines().toList()).containsExactly(
          "npm error code ECONNREFUSED",
          "npm error syscall connect",
          "npm error errno ECONNREFUSED",
          "npm error FetchError: request to http://npm.internal.example:4873/next/-/next-15.1.6.tgz failed, reason:"
              + " connect ECONNREFUSED 10.0.9.20:4873",
          "npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)",
          "npm error If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See: 'npm help config'");
    }

    @Test
    void an_npm_warning_before_the_real_error_does_not_decide_the_cause() {
      // the warning is EBADENGINE, which as an error would be NODE_ENGINES_MISMATCH
      Diagnosis d = npm("npm-warn-then-econnrefused.log");

      assertThat(d.code()).isEqualTo("REGISTRY_UNREACHABLE");
      assertThat(d.firstException()).startsWith("npm error code ECONNREFUSED").doesNotContain("npm warn");
    }

    @Test
    void a_lifecycle_script_running_a_dev_tool_is_lifecycle_tool_missing_naming_the_tool() {
      Diagnosis d = npm("npm-prepare-husky.log");

      assertThat(d.code()).isEqualTo("LIFECYCLE_TOOL_MISSING");
      assertThat(d.explanation()).contains("husky");
      assertThat(d.fix()).contains("husky || true");
      assertThat(d.firstException()).startsWith("sh: 1: husky: not found\nnpm error code 127\n");
    }

    @Test
    void on_windows_a_missing_lifecycle_tool_is_named_from_cmd_s_message() {
      Diagnosis d = npm("npm-windows-prepare-husky.log");

      assertThat(d.code()).isEqualTo("LIFECYCLE_TOOL_MISSING");
      assertThat(d.explanation()).contains("runs husky");
      assertThat(d.firstException())
          .startsWith("'husky' is not recognized as an internal or external command,\noperable program or batch file.\n")
          .contains("npm error command C:\\WINDOWS\\system32\\cmd.exe /d /s /c husky")
          .doesNotContain("\r");
    }

    @Test
    void a_password_in_a_registry_url_does_not_reach_the_explanation() {
      String log = "npm error code ETIMEDOUT\nnpm error errno ETIMEDOUT\n"
          + "npm error network request to https://deploy:hunter2@npm.internal.example/next failed, reason: connect ETIMEDOUT 10.0.9.20:443\n";

      Diagnosis d = CLASSIFIER.classify(Source.NPM, log, Context.empty());

      assertThat(d.code()).isEqualTo("REGISTRY_UNREACHABLE");
      assertThat(d.explanation() + d.fix() + d.firstException()).doesNotContain("hunter2")
          .contains("https://deploy:***@npm.internal.example");
    }

    @Test
    void an_app_signature_does_not_apply_to_an_npm_log() {
      // "connect ECONNREFUSED 10.0.9.20:4873" is also in npm's FetchError line
      assertThat(npm("npm-econnrefused.log").code()).isNotEqualTo("SERVICE_UNREACHABLE");
      assertThat(CLASSIFIER.classify(Source.APP, Corpus.log("npm-no-lockfile.log"), Context.empty()).code())
          .isEqualTo("UNKNOWN");
    }
  }

  @Nested
  class Services {
    @Test
    void a_refused_database_connection_is_service_unreachable_naming_the_address() {
      Diagnosis d = app("app-db-refused.log");

      assertThat(d.code()).isEqualTo("SERVICE_UNREACHABLE");
      assertThat(d.explanation()).contains("10.0.2.15:5432").contains("ECONNREFUSED");
      assertThat(d.firstException()).startsWith("Error: connect ECONNREFUSED 10.0.2.15:5432\n    at ");
    }

    @Test
    void a_failed_fetch_is_named_by_its_cause_and_quoted_with_it() {
      Diagnosis d = app("app-fetch-failed-cause.log");

      assertThat(d.code()).isEqualTo("SERVICE_UNREACHABLE");
      assertThat(d.explanation()).contains("127.0.0.1:8000");
      assertThat(d.firstException().lines().toList()).containsExactly(
          " ⨯ TypeError: fetch failed",
          "    at node:internal/deps/undici/undici:13502:13",
          "  [cause]: Error: connect ECONNREFUSED 127.0.0.1:8000");
    }

    @Test
    void an_address_quoted_inside_next_brackets_is_named_without_the_bracket() {
      // Next 15 prints a digest error as "[Error: getaddrinfo ENOTFOUND api.vercel.app]" (issue #17).
      Diagnosis d = app("app-getaddrinfo-bracketed.log");

      assertThat(d.code()).isEqualTo("SERVICE_UNREACHABLE");
      assertThat(d.explanation()).startsWith("the app could not reach api.vercel.app (ENOTFOUND) while starting");
    }

    @Test
    void prisma_not_reaching_its_database_is_service_unreachable() {
      Diagnosis d = app("app-prisma-p1001.log");

      assertThat(d.code()).isEqualTo("SERVICE_UNREACHABLE");
      assertThat(d.explanation()).contains("db.internal:5432");
      assertThat(d.fix()).contains("DATABASE_URL");
    }
  }

  @Nested
  class Unknown {
    @Test
    void an_unknown_app_error_is_unknown_and_still_quotes_the_first_exception_and_frame() {
      Diagnosis d = app("app-unknown-typeerror.log");

      assertThat(d.code()).isEqualTo("UNKNOWN");
      assertThat(d.firstException()).isEqualTo(
          " ⨯ TypeError: Cannot read properties of undefined (reading 'map')\n"
              + "    at ProductGrid (/var/www/shop/releases/20260301T101502Z-Yx9kQ2/.next/server/app/page.js:1:7741)");
      assertThat(d.fix()).isNotBlank();
    }

    @Test
    void an_unknown_npm_error_is_unknown_and_quotes_npm_s_error_block() {
      Diagnosis d = npm("npm-unknown-e404.log");

      assertThat(d.code()).isEqualTo("UNKNOWN");
      assertThat(d.firstException()).startsWith("npm error code E404\nnpm error 404 Not Found - GET ")
          .doesNotContain("A complete log");
    }

    @Test
    void a_log_without_any_error_is_unknown_with_nothing_quoted() {
      Diagnosis d = app("app-no-error.log", Context.empty().withExitCode(1));

      assertThat(d.code()).isEqualTo("UNKNOWN");
      assertThat(d.firstException()).isNull();
    }

    @Test
    void a_log_file_is_classified_like_its_text(@TempDir Path dir) throws Exception {
      Path log = dir.resolve("npm-ci.log");
      Files.writeString(log, Corpus.log("npm-no-lockfile.log"));

      assertThat(CLASSIFIER.classify(Source.NPM, log, Context.empty()))
          .isEqualTo(npm("npm-no-lockfile.log"));
    }

    @Test
    void an_empty_or_missing_log_is_unknown_with_nothing_quoted() {
      assertThat(CLASSIFIER.classify(Source.APP, "", null)).extracting(Diagnosis::code, Diagnosis::firstException)
          .containsExactly("UNKNOWN", null);
      assertThat(CLASSIFIER.classify(Source.NPM, (String) null, Context.empty()).code()).isEqualTo("UNKNOWN");
    }
  }

  @Nested
  class Priority {
    private static final String WINDOW = " ⨯ ReferenceError: window is not defined\n    at Nav (/srv/app/.next/server/app/page.js:1:99)\n";
    private static final String ENV = "Error: Missing required environment variable: API_URL\n    at env (/srv/app/.next/server/chunks/1.js:1:5)\n";

    @Test
    void the_signature_matching_the_earliest_line_wins_even_when_lower_in_the_data_file() {
      // BROWSER_API_ON_SERVER is below ENV_VAR_UNSET in causes.tsv
      assertThat(CLASSIFIER.classify(Source.APP, WINDOW + ENV, Context.empty()).code())
          .isEqualTo("BROWSER_API_ON_SERVER");
      assertThat(CLASSIFIER.classify(Source.APP, ENV + WINDOW, Context.empty()).code())
          .isEqualTo("ENV_VAR_UNSET");
    }

    @Test
    void the_quoted_exception_is_the_one_the_winning_signature_matched_in() {
      String log = " ⨯ TypeError: fetch failed\n    at a (/srv/app/x.js:1:1)\n\n" + WINDOW;

      Diagnosis d = CLASSIFIER.classify(Source.APP, log, Context.empty());

      assertThat(d.code()).isEqualTo("BROWSER_API_ON_SERVER");
      assertThat(d.firstException()).startsWith(" ⨯ ReferenceError: window is not defined");
    }
  }

  @Test
  void a_data_file_without_a_wording_the_classifier_needs_is_refused_at_construction() {
    Signatures partial = Signatures.parse("MODULE_MISSING\tany\tCannot find module\tmissing\tadd it\n", "partial.tsv");

    assertThatThrownBy(() -> new Classifier(partial))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UNKNOWN");
  }
}
