package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirstExceptionTest {

  @Test
  void a_node_exception_is_its_line_its_message_and_its_first_stack_frame_only() {
    String log = String.join("\n",
        "   ▲ Next.js 15.1.6",
        " ✓ Starting...",
        "Error: Cannot find module 'is-number'",
        "Require stack:",
        "- /srv/app/server.js",
        "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
        "    at Module._load (node:internal/modules/cjs/loader:1051:27) {",
        "  code: 'MODULE_NOT_FOUND',",
        "}");

    assertThat(FirstException.extract(log)).isEqualTo(String.join("\n",
        "Error: Cannot find module 'is-number'",
        "Require stack:",
        "- /srv/app/server.js",
        "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)"));
  }

  @Test
  void only_the_first_exception_is_quoted() {
    String log = "TypeError: first\n    at a (/x.js:1:1)\nRangeError: second\n    at b (/x.js:2:2)\n";

    assertThat(FirstException.extract(log)).isEqualTo("TypeError: first\n    at a (/x.js:1:1)");
  }

  @Test
  void a_v8_fatal_error_is_quoted_alone_without_its_native_stack() {
    assertThat(FirstException.extract(Corpus.log("app-heap.log")))
        .isEqualTo("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  }

  @Test
  void an_npm_block_skips_separators_the_log_pointer_later_frames_and_the_property_dump() {
    assertThat(FirstException.extract(Corpus.log("npm-econnrefused.log")))
        .startsWith("npm error code ECONNREFUSED\n")
        .contains("npm error     at ClientRequest.<anonymous>")
        .doesNotContain("at ClientRequest.emit", "port: 4873", "A complete log of this run")
        .doesNotContainPattern("(?m)^npm error$");
  }

  @Test
  void an_npm_block_is_at_most_eight_lines() {
    StringBuilder log = new StringBuilder("npm error code E500\n");
    for (int i = 0; i < 20; i++) {
      log.append("npm error line ").append(i).append('\n');
    }

    assertThat(FirstException.extract(log.toString()).lines()).hasSize(FirstException.MAX_NPM_LINES);
  }

  @Test
  void npm_warnings_are_not_exceptions() {
    assertThat(FirstException.extract("npm warn deprecated inflight@1.0.6: leaks memory\nadded 12 packages\n")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Error: plain",
      "TypeError: Cannot read properties of undefined (reading 'x')",
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /srv/app/a.mjs",
      " ⨯ Error: from next 14 or 15",
      "- error Error: from next 13",
      " ⨯ unhandledRejection: Error: from next",
      "Uncaught Error: from a repl",
      "[Error: ENOENT: no such file or directory, open '/srv/app/.next/BUILD_ID'] {",
      "PrismaClientInitializationError: Can't reach database server at `db:5432`",
      "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
      "npm error code ELIFECYCLE",
      "npm ERR! code ELIFECYCLE",
  })
  void these_lines_start_an_exception(String line) {
    assertThat(FirstException.extract("starting\n" + line + "\n")).startsWith(line.stripTrailing());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ErrorBoundary caught nothing",
      "Errors: 0",
      " ✓ Compiled 12 pages, 0 errors",
      "npm warn EBADENGINE Unsupported engine {",
      "info  - Loaded env from /srv/app/.env.production",
      "console.error: nothing thrown here",
  })
  void these_lines_do_not(String line) {
    assertThat(FirstException.extract(line + "\n")).isNull();
  }

  @Test
  void terminal_colours_are_removed() {
    String log = "\u001B[31m\u001B[1m⨯\u001B[22m\u001B[39m ReferenceError: window is not defined\n"
        + "    at \u001B[90mNav\u001B[39m (/srv/app/.next/server/app/page.js:1:99)\n";

    assertThat(FirstException.extract(log)).isEqualTo(
        "⨯ ReferenceError: window is not defined\n    at Nav (/srv/app/.next/server/app/page.js:1:99)");
  }

  @Test
  void windows_line_ends_are_read_as_line_ends() {
    String log = "Error: Cannot find module 'next'\r\nRequire stack:\r\n- C:\\inetpub\\shop\\server.js\r\n"
        + "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\r\n";

    assertThat(FirstException.extract(log)).isEqualTo("Error: Cannot find module 'next'\nRequire stack:\n"
        + "- C:\\inetpub\\shop\\server.js\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)");
  }

  @Test
  void a_quoted_line_is_cut_at_300_characters() {
    String log = "Error: " + "x".repeat(1000) + "\n";

    String quoted = FirstException.extract(log);

    assertThat(quoted).hasSize(FirstException.MAX_LINE + 1).endsWith("x…");
  }

  @Test
  void a_password_in_a_url_is_masked() {
    String log = "Error: connect ECONNREFUSED 10.0.2.15:5432 (postgres://shop:s3cr3t-Pa55@db.internal:5432/shop)\n";

    assertThat(FirstException.extract(log))
        .contains("postgres://shop:***@db.internal:5432/shop")
        .doesNotContain("s3cr3t-Pa55");
  }

  @Test
  void a_log_without_an_exception_quotes_nothing() {
    assertThat(FirstException.extract(Corpus.log("app-no-error.log"))).isNull();
    assertThat(FirstException.extract("")).isNull();
    assertThat(FirstException.extract((String) null)).isNull();
  }

  @Test
  void only_the_first_two_megabytes_of_a_log_are_read(@TempDir Path dir) throws Exception {
    String filler = "GET /api/health 200 in 3ms\n".repeat(3 * 1024 * 1024 / 27);
    Path late = dir.resolve("late.log");
    Files.writeString(late, filler + "Error: too late to matter\n", StandardCharsets.UTF_8);
    Path early = dir.resolve("early.log");
    Files.writeString(early, "Error: early enough\n    at main (/srv/app/server.js:1:1)\n" + filler, StandardCharsets.UTF_8);

    assertThat(Files.size(late)).isGreaterThan(LogText.MAX_CHARS);
    assertThat(FirstException.extract(late)).isNull();
    assertThat(FirstException.extract(early)).isEqualTo("Error: early enough\n    at main (/srv/app/server.js:1:1)");
    assertThat(FirstException.extract(Files.readString(late))).isNull();
  }

  @Test
  void bytes_that_are_not_utf8_do_not_stop_the_reading(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("latin1.log");
    byte[] junk = {(byte) 0xC3, (byte) 0x28, '\n'};
    byte[] error = "Error: after junk\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[junk.length + error.length];
    System.arraycopy(junk, 0, all, 0, junk.length);
    System.arraycopy(error, 0, all, junk.length, error.length);
    Files.write(log, all);

    assertThat(FirstException.extract(log)).isEqualTo("Error: after junk");
  }
}
