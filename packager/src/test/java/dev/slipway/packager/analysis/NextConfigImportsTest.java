package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NextConfigImportsTest {
  @TempDir Path dir;

  private Set<String> imports(String fileName, String source) throws IOException {
    return NextConfigImports.importedPackages(Files.writeString(dir.resolve(fileName), source));
  }

  private Set<String> imports(String source) throws IOException {
    return imports("next.config.mjs", source);
  }

  @Test
  void findsEveryStaticImportForm() throws IOException {
    assertThat(
            imports(
                """
                import analyzer from '@next/bundle-analyzer'
                import 'dotenv/config'
                import { withSentryConfig } from "@sentry/nextjs/build"
                import * as mdx from '@next/mdx';
                import createNextIntlPlugin, { type Options } from 'next-intl/plugin'
                import {
                  a,
                  b as c,
                } from 'multi-line-pkg'
                """))
        .containsExactly(
            "@next/bundle-analyzer",
            "@next/mdx",
            "@sentry/nextjs",
            "dotenv",
            "multi-line-pkg",
            "next-intl");
  }

  @Test
  void findsRequireRequireResolveAndDynamicImport() throws IOException {
    assertThat(
            imports(
                "next.config.js",
                """
                const withPWA = require('next-pwa')({ dest: 'public' })
                const loader = require.resolve("svg-loader/inline")
                module.exports = async () => {
                  const { default: plugin } = await import('lazy-plugin')
                  return plugin({})
                }
                const t = require(`template-pkg`)
                """))
        .containsExactly("lazy-plugin", "next-pwa", "svg-loader", "template-pkg");
  }

  @Test
  void findsReExports() throws IOException {
    assertThat(
            imports("export { default } from 'shared-next-config'\nexport * from 'more-config'\n"))
        .containsExactly("more-config", "shared-next-config");
  }

  @Test
  void typeOnlyImportsAreErasedAndDoNotCount() throws IOException {
    assertThat(
            imports(
                "next.config.ts",
                """
                import type { NextConfig } from 'next'
                import type * as Types from 'type-only-star'
                import type Default from 'type-only-default'
                export type { Foo } from 'type-only-reexport'
                import type from 'binding-named-type'
                import { type X, y } from 'mixed-import'
                """))
        .containsExactly("binding-named-type", "mixed-import");
  }

  @Test
  void importsInCommentsDoNotCount() throws IOException {
    assertThat(
            imports(
                """
                // import analyzer from '@next/bundle-analyzer'
                /* const x = require('in-block-comment')
                   import 'also-in-block' */
                /** @type {import('next').NextConfig} */
                const config = {} // require('trailing-comment')
                export default config
                """))
        .isEmpty();
  }

  @Test
  void aUrlInAStringDoesNotStartAComment() throws IOException {
    assertThat(
            imports(
                """
                const cdn = 'https://cdn.example.com/assets'; const x = require('after-url')
                const tpl = `https://${host}//path`; import y from "after-template"
                export default { images: { remotePatterns: [{ hostname: "//weird" }] } }; require('last')
                """))
        .containsExactly("after-template", "after-url", "last");
  }

  @Test
  void aRegexLiteralContainingSlashesDoesNotStartAComment() throws IOException {
    assertThat(imports("const isUrl = /https?:\\/\\//.test(x); const p = require('after-regex')\n"))
        .containsExactly("after-regex");
  }

  @Test
  void divisionIsNotMistakenForARegex() throws IOException {
    assertThat(
            imports(
                "const half = total / 2; const third = (n) / 3; require('after-division') // x\n"))
        .containsExactly("after-division");
  }

  @Test
  void codeInStringsDoesNotCount() throws IOException {
    assertThat(
            imports(
                "const doc = \"import x from 'in-string'\"; const t = `require('in-template')`\n"))
        .isEmpty();
  }

  @Test
  void nestedTemplateSubstitutionsAreFollowed() throws IOException {
    assertThat(
            imports("const s = `a ${ { k: `b ${c}` }.k } d`; const m = require('after-nested')\n"))
        .containsExactly("after-nested");
  }

  @Test
  void propertiesNamedImportOrRequireDoNotCount() throws IOException {
    assertThat(imports("const u = import.meta.url; ctx.require('not-a-require'); x.import('no')\n"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "./local.mjs",
        "../shared/config.js",
        "/abs/path.js",
        "node:path",
        "fs",
        "fs/promises",
        "path",
        "url",
        "crypto",
        "module",
        "#internal",
        "file:///x.js",
        "C:\\\\cfg.js",
        "@",
        "@scope"
      })
  void pathsBuiltinsAndUrlsAreNotPackages(String specifier) {
    assertThat(NextConfigImports.packageName(specifier)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "next, next",
    "next/constants, next",
    "@next/bundle-analyzer, @next/bundle-analyzer",
    "@scope/name/sub/path.js, @scope/name",
    "lodash.merge, lodash.merge",
    "process-nextick-args, process-nextick-args"
  })
  void deepImportsReduceToThePackageName(String specifier, String packageName) {
    assertThat(NextConfigImports.packageName(specifier)).contains(packageName);
  }

  @Test
  void reportsOnlyPackagesThatAreDevDependenciesAlone() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("next.config.mjs"),
            """
            import bundleAnalyzer from '@next/bundle-analyzer'
            import { withSentryConfig } from '@sentry/nextjs'
            import sharpPlugin from 'sharp-plugin'
            import both from 'in-both'
            import unknown from 'not-declared'
            import path from 'node:path'
            import local from './local.mjs'
            """);
    PackageJson pkg =
        new PackageJson(
            "app",
            "1.0.0",
            Map.of("next", "15.1.0", "@sentry/nextjs", "^8", "in-both", "1"),
            Map.of(
                "@next/bundle-analyzer",
                "15.1.0",
                "in-both",
                "1",
                "sharp-plugin",
                "2",
                "eslint",
                "9"),
            Map.of("sharp-plugin", "2"),
            Map.of(),
            null,
            Map.of());

    assertThat(NextConfigImports.devOnlyImports(config, pkg))
        .containsExactly("@next/bundle-analyzer");
  }

  @Test
  void aTypicalTypeScriptConfigWithOnlyProductionImportsIsClean() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("next.config.ts"),
            """
            import type { NextConfig } from "next";

            const nextConfig: NextConfig = {
              /* config options here */
              output: "standalone",
            };

            export default nextConfig;
            """);
    PackageJson pkg =
        new PackageJson(
            "app",
            "0.1.0",
            Map.of("next", "15.1.0"),
            Map.of("typescript", "^5"),
            Map.of(),
            Map.of(),
            null,
            Map.of());

    assertThat(NextConfigImports.devOnlyImports(config, pkg)).isEmpty();
  }

  @Test
  void anUnreadableConfigIsRefusedNamingIt() {
    Path missing = dir.resolve("next.config.js");

    assertThatThrownBy(() -> NextConfigImports.importedPackages(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }
}
