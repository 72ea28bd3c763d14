package dev.slipway.packager.analysis;

import dev.slipway.packager.analysis.JsTokenizer.Kind;
import dev.slipway.packager.analysis.JsTokenizer.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the packages that {@code next.config.{js,mjs,cjs,ts,mts}} loads but that production will
 * not have.
 *
 * <p>Why: {@code next start} loads next.config at run time. A package it imports that is only a
 * devDependency is installed in CI, so the build succeeds there, and then the server dies at
 * start-up after {@code npm ci --omit=dev}, which does not install it (the classic case is a bundle
 * analyzer or a CSS plugin imported at the top of the config).
 *
 * <p>Counted as loading a package: static {@code import … from 'pkg'} and {@code import 'pkg'},
 * {@code export … from 'pkg'}, dynamic {@code import('pkg')}, {@code require('pkg')} and {@code
 * require.resolve('pkg')}; not TypeScript's {@code import type}, which is erased before anything
 * runs. Occurrences in comments and strings do not count. Only the config file itself is read, not
 * local files it imports.
 */
public final class NextConfigImports {
  // Node.js's built-in modules (module.builtinModules, without the internal _ ones). A bare
  // specifier naming one loads the built-in even if a package of that name is installed.
  private static final Set<String> NODE_BUILTINS =
      Set.of(
          "assert",
          "async_hooks",
          "buffer",
          "child_process",
          "cluster",
          "console",
          "constants",
          "crypto",
          "dgram",
          "diagnostics_channel",
          "dns",
          "domain",
          "events",
          "fs",
          "http",
          "http2",
          "https",
          "inspector",
          "module",
          "net",
          "os",
          "path",
          "perf_hooks",
          "process",
          "punycode",
          "querystring",
          "readline",
          "repl",
          "stream",
          "string_decoder",
          "sys",
          "timers",
          "tls",
          "trace_events",
          "tty",
          "url",
          "util",
          "v8",
          "vm",
          "wasi",
          "worker_threads",
          "zlib");

  private NextConfigImports() {}

  /**
   * The packages {@code nextConfigFile} loads that are devDependencies of {@code pkg} and neither
   * dependencies nor optionalDependencies, sorted; empty when there are none.
   *
   * @throws IllegalArgumentException if the file cannot be read as UTF-8 text
   */
  public static List<String> devOnlyImports(Path nextConfigFile, PackageJson pkg) {
    return importedPackages(nextConfigFile).stream()
        .filter(name -> pkg.devDependencies().containsKey(name))
        .filter(name -> !pkg.isProductionDependency(name))
        .toList();
  }

  /**
   * Every package {@code nextConfigFile} loads, by package name ({@code @scope/name/sub} counts as
   * {@code @scope/name}), without relative and absolute paths and Node.js built-ins.
   *
   * @throws IllegalArgumentException if the file cannot be read as UTF-8 text
   */
  public static SortedSet<String> importedPackages(Path nextConfigFile) {
    String source;
    try {
      source = Files.readString(nextConfigFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + nextConfigFile + ": " + e, e);
    }
    SortedSet<String> packages = new TreeSet<>();
    for (String specifier : new ImportFinder(JsTokenizer.tokenize(source)).find()) {
      packageName(specifier).ifPresent(packages::add);
    }
    return Collections.unmodifiableSortedSet(packages);
  }

  /** The package a module specifier loads, or empty for paths, URLs and Node.js built-ins. */
  static Optional<String> packageName(String specifier) {
    String spec = specifier.strip();
    // ./ ../ / : paths; "#x": the package's own subpath imports; ":" : node:, file:, data:, C:\
    if (spec.isEmpty()
        || spec.startsWith(".")
        || spec.startsWith("/")
        || spec.startsWith("#")
        || spec.indexOf(':') >= 0
        || spec.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    String[] segments = spec.split("/", -1);
    String name;
    if (spec.startsWith("@")) {
      if (segments.length < 2 || segments[0].length() < 2 || segments[1].isEmpty()) {
        return Optional.empty();
      }
      name = segments[0] + "/" + segments[1];
    } else {
      name = segments[0];
    }
    return NODE_BUILTINS.contains(name) ? Optional.empty() : Optional.of(name);
  }

  /** Walks the token list once, recognising the import forms listed in the class comment. */
  private static final class ImportFinder {
    private final List<Token> tokens;
    private final List<String> found = new ArrayList<>();

    ImportFinder(List<Token> tokens) {
      this.tokens = tokens;
    }

    List<String> find() {
      for (int i = 0; i < tokens.size(); i++) {
        if (at(i - 1, Kind.PUNCT, ".")) {
          continue; // a property: x.import, x.require
        }
        if (at(i, Kind.WORD, "import")) {
          importAt(i);
        } else if (at(i, Kind.WORD, "export")) {
          exportAt(i);
        } else if (at(i, Kind.WORD, "require")) {
          requireAt(i);
        }
      }
      return found;
    }

    private void importAt(int i) {
      if (at(i + 1, Kind.PUNCT, "(")) {
        stringAt(i + 2); // import('pkg')
      } else if (kindAt(i + 1) == Kind.STRING) {
        stringAt(i + 1); // import 'pkg'
      } else if (!typeOnly(i + 1)) {
        fromClause(i + 1); // import x, {a as b} from 'pkg'
      }
    }

    // export {a} from 'pkg', export * as x from 'pkg'; "export type {T} from" is erased.
    private void exportAt(int i) {
      if (at(i + 1, Kind.PUNCT, "{") || at(i + 1, Kind.PUNCT, "*")) {
        fromClause(i + 1);
      }
    }

    private void requireAt(int i) {
      if (at(i + 1, Kind.PUNCT, "(")) {
        stringAt(i + 2); // require('pkg')
      } else if (at(i + 1, Kind.PUNCT, ".")
          && at(i + 2, Kind.WORD, "resolve")
          && at(i + 3, Kind.PUNCT, "(")) {
        stringAt(i + 4); // require.resolve('pkg'): throws at run time if pkg is missing
      }
    }

    /**
     * {@code import type X from}, {@code import type {X} from}, {@code import type * as X from};
     * but {@code import type from 'x'} and {@code import type, {a} from 'x'} import a binding that
     * happens to be called "type".
     */
    private boolean typeOnly(int i) {
      if (!at(i, Kind.WORD, "type")) {
        return false;
      }
      return at(i + 1, Kind.PUNCT, "{")
          || at(i + 1, Kind.PUNCT, "*")
          || (kindAt(i + 1) == Kind.WORD && !at(i + 1, Kind.WORD, "from"));
    }

    /** From the bindings after import/export: skips them up to {@code from 'pkg'}. */
    private void fromClause(int i) {
      int depth = 0;
      for (int j = i; j < tokens.size(); j++) {
        Token token = tokens.get(j);
        if (token.is(Kind.PUNCT, "{")) {
          depth++;
        } else if (token.is(Kind.PUNCT, "}")) {
          depth--;
        } else if (depth == 0 && token.is(Kind.WORD, "from") && kindAt(j + 1) == Kind.STRING) {
          stringAt(j + 1);
          return;
        } else if (depth == 0
            && !(token.kind() == Kind.WORD
                || token.is(Kind.PUNCT, ",")
                || token.is(Kind.PUNCT, "*"))) {
          return; // not an import/export declaration after all
        }
      }
    }

    private void stringAt(int i) {
      if (kindAt(i) == Kind.STRING) {
        found.add(tokens.get(i).text());
      }
    }

    private boolean at(int i, Kind kind, String text) {
      return i >= 0 && i < tokens.size() && tokens.get(i).is(kind, text);
    }

    private Kind kindAt(int i) {
      return i >= 0 && i < tokens.size() ? tokens.get(i).kind() : null;
    }
  }
}
