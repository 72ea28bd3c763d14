package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence quoted under a failed {@code npm ci} or smoke-start: the first exception in what
 * that run wrote to its log (these cases came with the smoke-start's own extractor, merged into
 * {@link FirstException} by issue #19).
 */
class FirstExceptionInLogTest {

  // Captured from node v20.20.2 and npm 11.

  private static final String UNCAUGHT =
      "> app@1.0.0 start\n"
          + "> node server.js\n"
          + "\n"
          + "/srv/app/server.js:1\n"
          + "throw new Error('boom')\n"
          + "^\n"
          + "\n"
          + "Error: boom\n"
          + "    at Object.<anonymous> (/srv/app/server.js:1:7)\n"
          + "    at Module._compile (node:internal/modules/cjs/loader:1521:14)\n"
          + "\n"
          + "Node.js v20.20.2\n"
          + "TypeError: a later error\n";

  private static final String MODULE_NOT_FOUND =
      "node:internal/modules/cjs/loader:1210\n"
          + "  throw err;\n"
          + "  ^\n"
          + "\n"
          + "Error: Cannot find module 'express'\n"
          + "Require stack:\n"
          + "- /srv/app/server.js\n"
          + "    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n"
          + "    at Module._load (node:internal/modules/cjs/loader:1038:27) {\n"
          + "  code: 'MODULE_NOT_FOUND',\n";

  private static final String NPM_LOCK_OUT_OF_SYNC =
      "npm error code EUSAGE\n"
          + "npm error\n"
          + "npm error `npm ci` can only install packages when your package.json and"
          + " package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file"
          + " with `npm install` before continuing.\n"
          + "npm error\n"
          + "npm error Missing: left-pad@1.3.0 from lock file\n"
          + "npm error\n"
          + "npm error Clean install a project\n"
          + "npm error\n"
          + "npm error Usage:\n"
          + "npm error npm ci\n"
          + "npm error\n"
          + "npm error Options:\n"
          + "npm error A complete log of this run can be found in:"
          + " /root/.npm/_logs/2026-01-01T00_00_00_000Z-debug-0.log\n";

  private static final String NPM_CONNECTION_REFUSED =
      "npm warn deprecated something@1.0.0: use something-else\n"
          + "npm error code ECONNREFUSED\n"
          + "npm error syscall connect\n"
          + "npm error errno ECONNREFUSED\n"
          + "npm error FetchError: request to http://127.0.0.1:9/left-pad/-/left-pad-1.3.0.tgz"
          + " failed, reason: connect ECONNREFUSED 127.0.0.1:9\n"
          + "npm error     at ClientRequest.<anonymous>"
          + " (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)\n"
          + "npm error     at ClientRequest.emit (node:events:524:28)\n"
          + "npm error     at emitErrorEvent (node:_http_client:101:11)\n"
          + "npm error   code: 'ECONNREFUSED',\n"
          + "npm error   errno: 'ECONNREFUSED',\n"
          + "npm error   syscall: 'connect',\n"
          + "npm error   address: '127.0.0.1',\n"
          + "npm error   port: 9,\n"
          + "npm error   type: 'system'\n"
          + "npm error }\n";

  @Test
  void uncaughtExceptionGivesErrorLineAndFirstFrameOnly() {
    assertThat(first(UNCAUGHT))
        .contains("Error: boom\n    at Object.<anonymous> (/srv/app/server.js:1:7)");
  }

  @Test
  void messageContinuationLinesAreKeptUpToTheFirstFrame() {
    assertThat(first(MODULE_NOT_FOUND))
        .contains(
            "Error: Cannot find module 'express'\n"
                + "Require stack:\n"
                + "- /srv/app/server.js\n"
                + "    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)");
  }

  @Test
  void errorCodesInBracketsAndOtherErrorTypesAreRecognised() {
    assertThat(
            first(
                "info\n"
                    + "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'\n"
                    + "    at resolve (node:x:1:1)\n"))
        .contains(
            "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'\n    at resolve (node:x:1:1)");
    assertThat(first("SyntaxError: Unexpected token '<'\n"))
        .contains("SyntaxError: Unexpected token '<'");
    assertThat(
            first(
                " ⨯ Error: Missing required environment variable: DATABASE_URL\n"
                    + "    at config (/srv/app/.next/server/app.js:1:1)\n"))
        .contains(
            " ⨯ Error: Missing required environment variable: DATABASE_URL\n"
                + "    at config (/srv/app/.next/server/app.js:1:1)");
    assertThat(
            first(
                "UnhandledPromiseRejection: This error originated ... \"nope\".\n"
                    + "    at throwUnhandledRejectionsMode"
                    + " (node:internal/process/promises:389:7)\n"))
        .hasValueSatisfying(
            block ->
                assertThat(block)
                    .startsWith("UnhandledPromiseRejection:")
                    .contains("    at throwUnhandled"));
    assertThat(
            first(
                "<--- Last few GCs --->\n"
                    + "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of"
                    + " memory\n"))
        .contains(
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  }

  @Test
  void ordinaryLogLinesMentioningErrorsAreNotErrors() {
    assertThat(
            first(
                "▲ Next.js 14.2.3\n"
                    + "✓ Ready in 312ms\n"
                    + "ErrorBoundary: mounted\n"
                    + "no errors: 0\n"
                    + "installed handler for Uncaught exceptions\n"
                    + "logged a FATAL ERROR count of 0\n"))
        .isEmpty();
    assertThat(first("Uncaught Error: boom\n")).contains("Uncaught Error: boom");
  }

  @Test
  void npmBlockKeepsTheMessageAndDropsBlankLinesUsageTextAndTheDebugLogPointer() {
    assertThat(first(NPM_LOCK_OUT_OF_SYNC))
        .contains(
            "npm error code EUSAGE\n"
                + "npm error `npm ci` can only install packages when your package.json and"
                + " package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock"
                + " file with `npm install` before continuing.\n"
                + "npm error Missing: left-pad@1.3.0 from lock file"); // and not the command's description
  }

  @Test
  void npmBlockIsCappedAndKeepsOnlyTheFirstStackFrame() {
    String block = first(NPM_CONNECTION_REFUSED).orElseThrow();
    assertThat(block.lines())
        .hasSize(FirstException.MAX_NPM_LINES)
        .allMatch(l -> l.startsWith("npm error "));
    assertThat(block)
        .startsWith("npm error code ECONNREFUSED\n")
        .contains("reason: connect ECONNREFUSED 127.0.0.1:9", "at ClientRequest.<anonymous>")
        .doesNotContain("ClientRequest.emit", "npm warn");
  }

  @Test
  void olderNpmErrPrefixIsRecognised() {
    assertThat(
            first(
                "npm ERR! code ENOTFOUND\n"
                    + "npm ERR! network request to https://registry.npmjs.org/x failed\n"
                    + "npm ERR! A complete log of this run can be found in:\n"
                    + "npm ERR!     /root/.npm/_logs/2023-01-01T00_00_00_000Z-debug-0.log\n"))
        .contains(
            "npm ERR! code ENOTFOUND\n"
                + "npm ERR! network request to https://registry.npmjs.org/x failed");
  }

  @Test
  void hugeMinifiedSourceLineIsCutAndTheErrorAfterItStillFound(@TempDir Path dir)
      throws IOException {
    String minified = "!function(){" + "a=b+c;".repeat(500_000) + "}()"; // ~3 MB on one line
    Path log =
        Files.writeString(
            dir.resolve("app.log"),
            "/srv/app/.next/server/chunks/1.js:1\r\n"
                + minified
                + "\r\n"
                + "^\r\n\r\n"
                + "TypeError: x is not a function\r\n"
                + "    at f (/srv/app/.next/server/chunks/1.js:1:99)\r\n");

    assertThat(FirstException.inLog(log, 0))
        .contains(
            "TypeError: x is not a function\n    at f (/srv/app/.next/server/chunks/1.js:1:99)");
    assertThat(first("Error: " + "x".repeat(10_000)))
        .hasValueSatisfying(b -> assertThat(b).hasSize(FirstException.MAX_LINE + 1).endsWith("…"));
  }

  @Test
  void extractFromAnOffsetIgnoresWhatEarlierRunsWrote(@TempDir Path dir) throws IOException {
    String earlier = "Error: from an earlier run\n";
    Path log = Files.writeString(dir.resolve("app.log"), earlier + "ok\nRangeError: this run\n");

    assertThat(FirstException.inLog(log, 0))
        .contains("Error: from an earlier run\nok"); // no frame: the message runs to the blank line
    assertThat(FirstException.inLog(log, earlier.getBytes(StandardCharsets.UTF_8).length))
        .contains("RangeError: this run");
  }

  @Test
  void colouredOutputIsMatchedWithoutEscapes() {
    assertThat(first("\u001B[31mError\u001B[39m: red\n")).contains("Error: red");
  }

  @Test
  void missingLogGivesNothing(@TempDir Path dir) {
    assertThat(FirstException.inLog(dir.resolve("none.log"), 0)).isEmpty();
  }

  private static Optional<String> first(String log) {
    return Optional.ofNullable(FirstException.extract(log));
  }
}
