package dev.slipway.packager.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvReferenceScannerTest {
  @TempDir Path server;

  private Path write(String relative, String content) throws IOException {
    Path file = server.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private Set<String> namesIn(String js) throws IOException {
    write("chunk.js", js);
    return EnvReferenceScanner.scan(server);
  }

  @Test
  void findsDotAccess() throws IOException {
    assertThat(namesIn("const url = process.env.DATABASE_URL;\nif (process.env.FEATURE_X) {}"))
        .containsExactly("DATABASE_URL", "FEATURE_X");
  }

  @Test
  void findsBracketAccessWithAnyQuote() throws IOException {
    assertThat(
            namesIn("a(process.env[\"DOUBLE\"], process.env['SINGLE'], process.env[`BACKTICK`])"))
        .containsExactly("BACKTICK", "DOUBLE", "SINGLE");
  }

  @Test
  void findsAccessWithWhitespaceAndOptionalChaining() throws IOException {
    assertThat(
            namesIn(
                "process .env. SPACED; process?.env?.CHAINED; process.env?.[\"CHAINED_BRACKET\"]"))
        .containsExactly("CHAINED", "CHAINED_BRACKET", "SPACED");
  }

  @Test
  void findsDestructuredNamesWithRenamesAndDefaults() throws IOException {
    assertThat(
            namesIn(
                "const { API_URL, API_KEY: key, TIMEOUT = 30, \"QUOTED\": q, ...rest } = process.env;"))
        .containsExactly("API_KEY", "API_URL", "QUOTED", "TIMEOUT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"const", "let", "var", ""})
  void findsDestructuringWhateverTheDeclaration(String keyword) throws IOException {
    assertThat(namesIn(keyword + " {SMTP_HOST,SMTP_PORT:p}=process.env;"))
        .containsExactly("SMTP_HOST", "SMTP_PORT");
  }

  @Test
  void findsDestructuringInAMinifiedAssignmentExpression() throws IOException {
    assertThat(
            namesIn("function f(){let a,b;({REDIS_URL:a,REDIS_TOKEN:b}=process.env);return a+b}"))
        .containsExactly("REDIS_TOKEN", "REDIS_URL");
  }

  @Test
  void findsEveryReferenceOnAMinifiedOneLiner() throws IOException {
    String minified =
        "\"use strict\";(()=>{var e={};e.id=1;let{S3_BUCKET:t}=process.env;"
            + "module.exports=function(){return[process.env.STRIPE_KEY,process.env[\"SENTRY_DSN\"],t]};"
            + "var n=process.env.LOG_LEVEL||\"info\";})();";

    assertThat(namesIn(minified))
        .containsExactly("LOG_LEVEL", "S3_BUCKET", "SENTRY_DSN", "STRIPE_KEY");
  }

  @Test
  void ignoresSourceMapsAndFilesThatAreNotJs() throws IOException {
    write("app/page.js", "process.env.FROM_JS");
    write("app/page.js.map", "{\"sourcesContent\":[\"process.env.FROM_MAP\"]}");
    write("app/page.js.nft.json", "{\"files\":[\"process.env.FROM_JSON\"]}");
    write("app/page.mjs.txt", "process.env.FROM_TXT");

    assertThat(EnvReferenceScanner.scan(server)).containsExactly("FROM_JS");
  }

  @Test
  void walksNestedDirectories() throws IOException {
    write("app/api/hello/route.js", "process.env.ROUTE_TOKEN");
    write("chunks/611.js", "process.env.CHUNK_SECRET");
    write("pages/_app.js", "process.env.PAGES_FLAG");

    assertThat(EnvReferenceScanner.scan(server))
        .containsExactly("CHUNK_SECRET", "PAGES_FLAG", "ROUTE_TOKEN");
  }

  @Test
  void dropsNamesThatAreNotPlainEnvironmentVariableNames() throws IOException {
    assertThat(
            namesIn(
                "process.env.$dollar; process.env[\"with-dash\"]; process.env[\"9LIVES\"]; process.env.OK_1"))
        .containsExactly("OK_1");
  }

  @Test
  void ignoresComputedAccessAndLookalikes() throws IOException {
    assertThat(
            namesIn(
                "process.env[key]; myprocess.env.NOT_ENV; process.environment; process.env.REAL"))
        .containsExactly("REAL");
  }

  @Test
  void keepsOnlyTheAppsOwnNamesFromATypicalNext15Chunk() throws IOException {
    // Mimics the shape of a Next.js 15 server chunk: framework internals next to app code.
    String chunk =
        "\"use strict\";exports.id=611,exports.ids=[611],exports.modules={"
            + "611:(a,b,c)=>{let d=process.env.__NEXT_EXPERIMENTAL_REACT?c(1):c(2);"
            + "if(\"edge\"===process.env.NEXT_RUNTIME)throw Error(\"x\");"
            + "\"1\"!==process.env.NEXT_OTEL_VERBOSE&&h();let k=process.env.NEXT_OTEL_PERFORMANCE_PREFIX;"
            + "let m=process.env.NEXT_PRIVATE_RESPONSE_CACHE_TTL,n=process.env.__NEXT_BUILD_ID;"
            + "let o=process.env.VERCEL_URL||process.env.VERCEL_BRANCH_URL,p=process.env.VERCEL;"
            + "let q=process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,r=process.env.PORT;"
            + "\"production\"===process.env.NODE_ENV&&process.env.TURBOPACK},"
            + "2792:(a,b,c)=>{function f(){return(0,d.jsx)(\"p\",{children:process.env.GREETING})}}};";

    assertThat(namesIn(chunk)).containsExactly("GREETING");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NODE_ENV",
        "NEXT_RUNTIME",
        "TURBOPACK",
        "PORT",
        "HOSTNAME",
        "__NEXT_EXPERIMENTAL_REACT",
        "NEXT_PRIVATE_DEBUG_CACHE",
        "NEXT_OTEL_VERBOSE",
        "VERCEL",
        "VERCEL_URL",
        "NEXT_TELEMETRY_DISABLED",
        "NEXT_DEPLOYMENT_ID",
        "__webpack_nonce__",
        "NODE_OPTIONS",
        "NODE_EXTRA_CA_CERTS"
      })
  void frameworkAndRuntimeNamesAreRecognised(String name) {
    assertThat(EnvReferenceScanner.isFrameworkName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DATABASE_URL",
        "NEXT_PUBLIC_SITE_URL",
        "NEXTAUTH_SECRET",
        "NODE_API_URL",
        "VERCELLIAN",
        "_PRIVATE"
      })
  void applicationNamesAreNotFrameworkNames(String name) {
    assertThat(EnvReferenceScanner.isFrameworkName(name)).isFalse();
  }

  @Test
  void aReferenceIsFoundWhereverItFallsAgainstTheReadWindow() throws IOException {
    // Put one reference at every offset around both edges of the first window (where the owned
    // part ends, and where the buffer ends), in files far longer than one window.
    int ownedEdge = EnvReferenceScanner.WINDOW - EnvReferenceScanner.AHEAD;
    List<Integer> offsets = new ArrayList<>();
    for (int edge : List.of(ownedEdge, EnvReferenceScanner.WINDOW)) {
      for (int delta = -40; delta <= 40; delta++) {
        offsets.add(edge + delta);
      }
    }
    for (int offset : offsets) {
      Path file = server.resolve("f" + offset + ".js");
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(";".repeat(offset).getBytes(UTF_8));
        out.write(("process.env.AT_" + offset + "_END;").getBytes(UTF_8));
        out.write(";".repeat(EnvReferenceScanner.WINDOW).getBytes(UTF_8));
      }
    }

    Set<String> expected = new TreeSet<>();
    offsets.forEach(offset -> expected.add("AT_" + offset + "_END"));
    // Exactly these: a name cut at a window edge would show up as an extra, shorter name.
    assertThat(EnvReferenceScanner.scan(server)).containsExactlyElementsOf(expected);
  }

  @Test
  void aLongDestructuringAcrossTheWindowEdgeIsFoundWhole() throws IOException {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      body.append("VAR_").append(i).append(":v").append(i).append(',');
    }
    String statement = "const{" + body + "LAST_ONE}=process.env;";
    int start = EnvReferenceScanner.WINDOW - EnvReferenceScanner.AHEAD - statement.length() / 2;
    write("big.js", ";".repeat(start) + statement + ";".repeat(EnvReferenceScanner.WINDOW));

    Set<String> names = EnvReferenceScanner.scan(server);

    assertThat(names).hasSize(201).contains("VAR_0", "VAR_199", "LAST_ONE");
  }

  @Test
  void anInvalidUtf8ByteDoesNotHideTheRestOfTheFile() throws IOException {
    Path file = server.resolve("chunk.js");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("process.env.BEFORE;\"".getBytes(UTF_8));
      out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
      out.write("\";process.env.AFTER;".getBytes(UTF_8));
    }

    assertThat(EnvReferenceScanner.scan(server)).containsExactly("AFTER", "BEFORE");
  }

  @Test
  void anEmptyServerDirectoryReadsNothing() {
    assertThat(EnvReferenceScanner.scan(server)).isEmpty();
  }

  @Test
  void refusesAPathThatIsNotADirectory() {
    assertThatThrownBy(() -> EnvReferenceScanner.scan(server.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a directory");
  }
}
