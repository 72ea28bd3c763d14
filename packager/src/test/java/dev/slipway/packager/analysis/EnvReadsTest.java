package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who reads each name (issue #17): the app's modules, dependencies', or code no map covers. */
class EnvReadsTest {
  @TempDir Path server;

  // Like a Turbopack production chunk: numeric module ids, every module on one line.
  private static final String APP_MODULE = "1,e=>{let k=process.env.API_KEY;},";
  private static final String DEBUG_MODULE = "2,(e,t,r)=>{r.load=function(){return process.env.DEBUG}},";

  private void chunk(String name, String js, String map) throws IOException {
    Files.createDirectories(server.resolve("chunks"));
    Files.writeString(server.resolve("chunks").resolve(name), js);
    if (map != null) {
      Files.writeString(server.resolve("chunks").resolve(name + ".map"), map);
    }
  }

  @Test
  void aNameOnlyADependencyReadsIsNotTheAppsConfiguration() throws IOException {
    String js = "module.exports=[" + APP_MODULE + DEBUG_MODULE + "];";
    int debugStart = js.indexOf("2,(e");
    chunk("a._.js", js, SourceMaps.oneLine(List.of(
        new SourceMaps.Module(0, "../../../node_modules/next/dist/esm/build/templates/app-route.js"),
        new SourceMaps.Module(js.indexOf("1,e"), "../../../app/api/info/route.js"),
        new SourceMaps.Module(debugStart, "../../../node_modules/debug/src/node.js"))));

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.byApp()).containsExactly("API_KEY");
    assertThat(reads.byDependenciesOnly()).containsExactly("DEBUG");
    assertThat(reads.appConfiguration()).containsExactly("API_KEY");
    assertThat(reads.all()).containsExactly("API_KEY", "DEBUG");
  }

  @Test
  void aSecretALibraryReadsForTheAppIsStillTheAppsConfiguration() throws IOException {
    // next-auth reads NEXTAUTH_SECRET itself: unset in production, every session fails.
    String js = "module.exports=[" + APP_MODULE + "2,(e,t,r)=>{r.s=process.env.NEXTAUTH_SECRET??process.env.AUTH_SECRET},"
        + DEBUG_MODULE.replace("2,", "3,") + "];";
    chunk("a._.js", js, SourceMaps.oneLine(List.of(
        new SourceMaps.Module(js.indexOf("1,e"), "../../../app/api/info/route.js"),
        new SourceMaps.Module(js.indexOf("2,(e"), "../../../node_modules/next-auth/core/init.js"),
        new SourceMaps.Module(js.indexOf("3,(e"), "../../../node_modules/debug/src/node.js"))));

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.byDependenciesOnly()).containsExactly("AUTH_SECRET", "DEBUG", "NEXTAUTH_SECRET");
    assertThat(reads.appConfiguration()).containsExactly("API_KEY", "AUTH_SECRET", "NEXTAUTH_SECRET");
  }

  @Test
  void aNameTheAppReadsIsItsConfigurationEvenIfLibrariesReadItToo() throws IOException {
    String js = "module.exports=[1,e=>{if(process.env.DEBUG)console.log(1)}," + DEBUG_MODULE + "];";
    chunk("a._.js", js, SourceMaps.oneLine(List.of(
        new SourceMaps.Module(js.indexOf("1,e"), "../../../lib/log.js"),
        new SourceMaps.Module(js.indexOf("2,(e"), "../../../node_modules/debug/src/node.js"))));

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.byApp()).containsExactly("DEBUG");
    assertThat(reads.appConfiguration()).containsExactly("DEBUG");
  }

  @Test
  void withoutAMapOnlyNamesLibrariesAreKnownToReadAreLeftOut() throws IOException {
    // webpack's production chunks: numeric ids, no paths, no server source maps.
    chunk("792.js", "exports.modules={12:(a,b,c)=>{let u=process.env.USER||process.env.LOGNAME,"
        + "d=process.env.NEXT_SSG_FETCH_METRICS,s=process.env.STRIPE_KEY}};", null);

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.unattributed()).containsExactly("LOGNAME", "NEXT_SSG_FETCH_METRICS", "STRIPE_KEY", "USER");
    assertThat(reads.appConfiguration()).containsExactly("STRIPE_KEY");
  }

  @Test
  void anUnreadableMapAttributesNothingAndDropsNothing() throws IOException {
    chunk("a._.js", "let s=process.env.STRIPE_KEY;", "{not json");

    assertThat(EnvReferenceScanner.reads(server).appConfiguration()).containsExactly("STRIPE_KEY");
  }

  @Test
  void aReadAfterMultiByteCharactersIsAttributedByItsUtf16Column() throws IOException {
    String app = "1,e=>{let t=\"Grüße 😀\";},";
    String js = "module.exports=[" + app + DEBUG_MODULE + "];";
    int read = js.indexOf("process.env.DEBUG");
    // A segment just after "process" starts: counting bytes (7 more than UTF-16 units here) or a
    // surrogate pair as one unit would land the read in the wrong module.
    chunk("a._.js", js, SourceMaps.oneLine(List.of(
        new SourceMaps.Module(0, "../../../app/page.js"),
        new SourceMaps.Module(js.indexOf("2,(e"), "../../../node_modules/debug/src/node.js"),
        new SourceMaps.Module(read + 1, "../../../app/other.js"))));

    assertThat(EnvReferenceScanner.reads(server).byDependenciesOnly()).containsExactly("DEBUG");
  }

  @Test
  void offsetsStayExactPastTheScannersFirstWindows() throws IOException {
    // Minified chunks are lines of megabytes; the scanner reads them in windows of 256 KiB.
    String js = "module.exports=[1,e=>{let s=\"" + "x".repeat(3 * EnvReferenceScanner.WINDOW) + "\"},"
        + "2,e=>{return process.env.DEBUG},3,e=>{let k=process.env.API_KEY}];";
    chunk("big._.js", js, SourceMaps.oneLine(List.of(
        new SourceMaps.Module(0, "../../../app/page.js"),
        new SourceMaps.Module(js.indexOf("2,e"), "../../../node_modules/debug/src/node.js"),
        new SourceMaps.Module(js.indexOf("process.env.DEBUG") + 1, "../../../app/other.js"),
        new SourceMaps.Module(js.indexOf("3,e"), "../../../app/api/route.js"))));

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.byDependenciesOnly()).containsExactly("DEBUG");
    assertThat(reads.byApp()).containsExactly("API_KEY");
  }

  @Test
  void aRealTurbopackChunkAttributesTheRoutesReadToTheAppAndDotenvsToItsPackage() throws IOException {
    // A route chunk of a real `next build` (Next.js 16.4.6, Turbopack) of an app whose route imports
    // dotenv and reads SITE_OWNER; sourcesContent emptied from its map, which attribution never reads.
    for (String name : List.of("route._.js", "route._.js.map")) {
      try (var in = getClass().getResourceAsStream("/turbopack-chunk/" + name)) {
        Files.createDirectories(server.resolve("chunks"));
        Files.copy(in, server.resolve("chunks").resolve(name));
      }
    }

    EnvReads reads = EnvReferenceScanner.reads(server);

    assertThat(reads.byApp()).containsExactly("SITE_OWNER");
    assertThat(reads.byDependenciesOnly()).containsExactly("DOTENV_KEY");
    assertThat(reads.unattributed()).isEmpty();
  }
}
