import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Makes a synthetic built Next.js project for the benchmarks (issue #7), deterministic from a seed:
 * the same arguments give the same files, byte for byte.
 *
 * <pre>
 * java bench/Generate.java --out DIR [--size small|large] [--files N --bytes N] [--seed N] [--build-id ID]
 * </pre>
 *
 * <p>By bytes, 60% is text that compresses about like real build output (minified JS, RSC
 * payloads, HTML, JSON, CSS: JS-like token streams from a seeded RNG over a shared vocabulary,
 * about 3-4x with gzip -6), 40% random bytes standing in for images and fonts (incompressible).
 * Layout: .next/{BUILD_ID, *.json, server/, static/chunks/, static/css/, static/media/}, public/,
 * package.json and a package-lock.json with no dependencies (what the packager needs to accept it).
 * No network, no node_modules, no next: the project cannot run, only be packaged and unpacked.
 */
public class Generate {
  static final long MIB = 1024L * 1024;
  /** Tuned so text compresses about like real build output: ~3-4x with gzip -6. */
  static final int PHRASES = 1000;
  static final int PHRASE_PERCENT = 60;
  static final int IDENTIFIERS = 1000;
  static final int WORDS = 1000;
  static final double SKEW = 4;

  /** One kind of file: its share of the bytes and of the file count, where it goes, what it holds. */
  record Kind(String name, double byteShare, double fileShare, Content content) {}

  enum Content { JS, HTML, RSC, JSON, CSS, BINARY }

  static final List<Kind> KINDS = List.of(
      new Kind("server-js", 0.24, 0.25, Content.JS),
      new Kind("chunk-js", 0.20, 0.30, Content.JS),
      new Kind("html", 0.04, 0.08, Content.HTML),
      new Kind("rsc", 0.04, 0.07, Content.RSC),
      new Kind("json", 0.05, 0.08, Content.JSON),
      new Kind("css", 0.03, 0.02, Content.CSS),
      new Kind("media", 0.12, 0.05, Content.BINARY),
      new Kind("public", 0.28, 0.15, Content.BINARY));

  public static void main(String[] args) throws Exception {
    Path out = null;
    long totalBytes = 200 * MIB;
    int totalFiles = 10_000;
    long seed = 7;
    String buildId = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--size" -> {
          String size = args[++i];
          switch (size) {
            case "small" -> { totalBytes = 200 * MIB; totalFiles = 10_000; }
            case "large" -> { totalBytes = 1024 * MIB; totalFiles = 50_000; }
            case "tiny" -> { totalBytes = 8 * MIB; totalFiles = 400; }
            default -> throw new IllegalArgumentException("--size small|large|tiny, not " + size);
          }
        }
        case "--bytes" -> totalBytes = Long.parseLong(args[++i]);
        case "--files" -> totalFiles = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--build-id" -> buildId = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    if (buildId == null) {
      buildId = "bench-" + seed + "-" + totalFiles;
    }
    long started = System.nanoTime();
    new Generate(out, totalBytes, totalFiles, seed, buildId).run();
    System.err.printf("generated %s: %d files, %d bytes in %.1f s%n", out, totalFiles, totalBytes,
        (System.nanoTime() - started) / 1e9);
  }

  private final Path out;
  private final long totalBytes;
  private final int totalFiles;
  private final long seed;
  private final String buildId;
  private final Vocabulary vocabulary;

  Generate(Path out, long totalBytes, int totalFiles, long seed, String buildId) {
    this.out = out;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
    this.seed = seed;
    this.buildId = buildId;
    this.vocabulary = new Vocabulary(new SplittableRandom(seed));
  }

  record Planned(String path, long size, Content content, long seed) {}

  void run() throws IOException {
    List<Planned> plan = plan();
    Files.createDirectories(out);
    plan.stream().map(p -> out.resolve(p.path()).getParent()).distinct().forEach(dir -> {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    // Each file has its own RNG, so the order (and the thread) that writes it changes nothing.
    IntStream.range(0, plan.size()).parallel().forEach(i -> {
      try {
        write(plan.get(i));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String name = "bench-app";
    Files.writeString(out.resolve("package.json"), """
        {
          "name": "%s",
          "version": "1.0.0",
          "private": true,
          "scripts": { "build": "next build", "start": "next start" },
          "engines": { "node": ">=20" }
        }
        """.formatted(name));
    Files.writeString(out.resolve("package-lock.json"), """
        {
          "name": "%s",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": {
              "name": "%s",
              "version": "1.0.0",
              "engines": { "node": ">=20" }
            }
          }
        }
        """.formatted(name, name));
    Files.writeString(out.resolve(".next/BUILD_ID"), buildId);
    // What the packager's generated server.js starts Next with; every next build since 12 writes it.
    Files.writeString(out.resolve(".next/required-server-files.json"), """
        {"version":1,"config":{"distDir":".next"},"appDir":".","files":[],"ignore":[]}
        """);
  }

  /** Every file's path, size, content kind and RNG seed; sizes add up to exactly totalBytes. */
  List<Planned> plan() {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed);
    List<Planned> plan = new ArrayList<>(totalFiles);
    int filesLeft = totalFiles;
    long bytesLeft = totalBytes;
    for (int k = 0; k < KINDS.size(); k++) {
      Kind kind = KINDS.get(k);
      boolean last = k == KINDS.size() - 1;
      int files = last ? filesLeft : (int) Math.round(totalFiles * kind.fileShare());
      long bytes = last ? bytesLeft : Math.round(totalBytes * kind.byteShare());
      filesLeft -= files;
      bytesLeft -= bytes;
      // Log-normal sizes (many small files, a few large ones), scaled to the kind's byte share.
      double[] weights = new double[files];
      double sum = 0;
      for (int i = 0; i < files; i++) {
        weights[i] = Math.exp(rng.nextGaussian() * 1.1);
        sum += weights[i];
      }
      long assigned = 0;
      for (int i = 0; i < files; i++) {
        long size = i == files - 1 ? bytes - assigned : Math.max(1, Math.round(bytes * weights[i] / sum));
        size = Math.max(1, size);
        assigned += size;
        plan.add(new Planned(pathOf(kind, i), size, kind.content(), rng.nextLong()));
      }
    }
    return plan;
  }

  private static String pathOf(Kind kind, int i) {
    String h = Integer.toHexString(0x10000000 | (i * 0x9E3779B1 >>> 4)).substring(1);
    return switch (kind.name()) {
      case "server-js" -> i % 3 == 0
          ? ".next/server/chunks/" + (i / 3 / 200) + "/" + i + "-" + h + ".js"
          : ".next/server/app/s" + (i / 400) + "/route-" + (i / 8) + "/page-" + i + ".js";
      case "chunk-js" -> i % 2 == 0
          ? ".next/static/chunks/" + (i / 2 / 500) + "/" + i + "-" + h + ".js"
          : ".next/static/chunks/app/s" + (i / 400) + "/route-" + (i / 8) + "/page-" + h + ".js";
      case "html" -> ".next/server/app/s" + (i / 400) + "/route-" + (i / 8) + "/index-" + i + ".html";
      case "rsc" -> ".next/server/app/s" + (i / 400) + "/route-" + (i / 8) + "/index-" + i + ".rsc";
      case "json" -> i < 4
          ? ".next/" + List.of("build-manifest", "routes-manifest", "prerender-manifest", "app-path-routes-manifest").get(i) + ".json"
          : ".next/server/app/s" + (i / 400) + "/route-" + (i / 8) + "/manifest-" + i + ".json";
      case "css" -> ".next/static/css/" + h + "-" + i + ".css";
      case "media" -> ".next/static/media/" + h + "-" + i + (i % 3 == 0 ? ".woff2" : ".png");
      case "public" -> "public/images/" + (i / 300) + "/img-" + i + List.of(".jpg", ".png", ".webp").get(i % 3);
      default -> throw new IllegalStateException(kind.name());
    };
  }

  private void write(Planned file) throws IOException {
    SplittableRandom rng = new SplittableRandom(file.seed());
    byte[] bytes = new byte[(int) file.size()];
    if (file.content() == Content.BINARY) {
      fillRandom(rng, bytes);
    } else {
      new TextWriter(vocabulary, rng, bytes).fill(file.content());
    }
    try (OutputStream os = Files.newOutputStream(out.resolve(file.path()))) {
      os.write(bytes);
    }
  }

  private static void fillRandom(SplittableRandom rng, byte[] bytes) {
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      long v = rng.nextLong();
      for (int b = 0; b < 8; b++) {
        bytes[i + b] = (byte) (v >>> (8 * b));
      }
    }
    for (; i < bytes.length; i++) {
      bytes[i] = (byte) rng.nextInt(256);
    }
  }

  /** Words shared by all files, as in a real build where the same names recur everywhere. */
  static final class Vocabulary {
    final byte[][] identifiers;
    final byte[][] words;
    final byte[][] cssProperties;
    /** Recurring runs of tokens (a real bundle repeats its helpers and patterns everywhere). */
    final java.util.Map<Content, byte[][]> phrases = new java.util.EnumMap<>(Content.class);
    static final byte[][] KEYWORDS = utf8(
        "function", "return", "var", "const", "let", "this", "null", "void 0", "!0", "!1", "new ", "typeof ",
        "if", "else", "for", "in", "of", "switch", "case", "break", "throw", "try", "catch", "await ", "async ",
        "Object.defineProperty", "exports", "module.exports", "require", "__webpack_require__", "Promise",
        "Symbol.for", "jsx", "children", "className", "props", "useState", "undefined", "length", "prototype");
    static final byte[][] PUNCTUATION = utf8(
        "(", ")", "{", "}", ";", ",", ".", "=", "=>", "&&", "||", "?", ":", "===", "!==", "+", "[", "]", "(){",
        "})", "});", "),", "=function(", "return ", "){", "}}", "\n");
    static final byte[][] TAGS = utf8("div", "span", "a", "p", "li", "ul", "section", "main", "header",
        "footer", "nav", "button", "img", "h1", "h2", "script", "link", "meta");

    Vocabulary(SplittableRandom rng) {
      identifiers = new byte[IDENTIFIERS][];
      for (int i = 0; i < identifiers.length; i++) {
        // Minified names are mostly short; some long exported / property names.
        int length = i < 300 ? 1 + rng.nextInt(2) : 2 + (int) Math.min(20, Math.abs(rng.nextGaussian() * 7));
        identifiers[i] = randomWord(rng, length, true);
      }
      words = new byte[WORDS][];
      for (int i = 0; i < words.length; i++) {
        words[i] = randomWord(rng, 2 + rng.nextInt(9), false);
      }
      cssProperties = utf8("display", "margin", "padding", "color", "background", "font-size", "border",
          "position", "width", "height", "flex", "grid-template-columns", "transition", "transform");
      for (Content content : List.of(Content.JS, Content.HTML, Content.RSC, Content.JSON, Content.CSS)) {
        byte[][] table = new byte[PHRASES][];
        for (int i = 0; i < table.length; i++) {
          byte[] buffer = new byte[24 + rng.nextInt(72)];
          TextWriter writer = new TextWriter(this, rng, buffer);
          while (writer.pos < buffer.length) {
            writer.unit(content);
          }
          table[i] = buffer;
        }
        phrases.put(content, table);
      }
    }

    private static byte[] randomWord(SplittableRandom rng, int length, boolean identifier) {
      String first = identifier ? "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$" : "abcdefghijklmnopqrstuvwxyz";
      String rest = identifier ? "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" : "abcdefghijklmnopqrstuvwxyz";
      byte[] word = new byte[length];
      word[0] = (byte) first.charAt(rng.nextInt(first.length()));
      for (int i = 1; i < length; i++) {
        word[i] = (byte) rest.charAt(rng.nextInt(rest.length()));
      }
      return word;
    }

    private static byte[][] utf8(String... values) {
      return Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
  }

  /** Fills a buffer with text of one kind; stops exactly at the buffer's end. */
  static final class TextWriter {
    private final Vocabulary v;
    private final SplittableRandom rng;
    private final byte[] out;
    private int pos;

    TextWriter(Vocabulary v, SplittableRandom rng, byte[] out) {
      this.v = v;
      this.rng = rng;
      this.out = out;
    }

    void fill(Content content) {
      byte[][] phrases = v.phrases.get(content);
      while (pos < out.length) {
        if (content == Content.JS && rng.nextInt(50_000) == 0) {
          // A few env reads, as real server code has (the packager lists undeclared ones).
          put(rng.nextInt(4) == 0 ? ";process.env.NODE_ENV;" : ";process.env.BENCH_VAR_" + rng.nextInt(4) + ";");
        } else if (rng.nextInt(100) < PHRASE_PERCENT) {
          put(pick(phrases));
        } else {
          unit(content);
        }
      }
    }

    /** One unit of text of this kind, without phrases: what the phrase tables are made of. */
    void unit(Content content) {
        switch (content) {
          case JS -> token();
          case HTML -> html();
          case RSC -> rsc();
          case JSON -> json();
          case CSS -> css();
          default -> throw new IllegalStateException();
        }
    }

    /** Skewed pick: low indexes (frequent names) much more often than high ones. */
    private byte[] pick(byte[][] table) {
      double u = rng.nextDouble();
      return table[(int) (table.length * Math.pow(u, SKEW))];
    }

    /** One JS token; the phrase table is made of these too. */
    void token() {
      int r = rng.nextInt(100);
      if (r < 38) {
        put(pick(v.identifiers));
      } else if (r < 50) {
        put(v.KEYWORDS[rng.nextInt(v.KEYWORDS.length)]);
        put(' ');
      } else if (r < 85) {
        put(v.PUNCTUATION[rng.nextInt(v.PUNCTUATION.length)]);
      } else if (r < 93) {
        put('"');
        put(pick(v.words));
        if (rng.nextBoolean()) {
          put('-');
          put(pick(v.words));
        }
        put('"');
      } else {
        number(rng.nextInt(4) == 0 ? 100_000 : 100);
      }
    }

    private void html() {
      byte[] tag = v.TAGS[rng.nextInt(v.TAGS.length)];
      put('<');
      put(tag);
      put(" class=\"");
      put(pick(v.identifiers));
      put(' ');
      put(pick(v.identifiers));
      put("\">");
      for (int i = rng.nextInt(8); i > 0; i--) {
        put(pick(v.words));
        put(' ');
      }
      put("</");
      put(tag);
      put('>');
      if (rng.nextInt(6) == 0) {
        put('\n');
      }
    }

    private void rsc() {
      put(Integer.toHexString(rng.nextInt(4096)));
      put(":I[\"");
      number(100_000);
      put("\",[\"static/chunks/");
      put(pick(v.words));
      put('-');
      put(Long.toHexString(rng.nextLong() >>> 24));
      put(".js\"],\"");
      put(pick(v.identifiers));
      put("\"]\n");
      for (int i = rng.nextInt(6); i > 0; i--) {
        put("[\"$\",\"");
        put(v.TAGS[rng.nextInt(v.TAGS.length)]);
        put("\",null,{\"className\":\"");
        put(pick(v.identifiers));
        put("\",\"children\":\"");
        put(pick(v.words));
        put(' ');
        put(pick(v.words));
        put("\"}]");
      }
      put('\n');
    }

    private void json() {
      put("{\"");
      put(pick(v.words));
      put("\":{\"id\":");
      number(100_000);
      put(",\"name\":\"");
      put(pick(v.identifiers));
      put("\",\"chunks\":[\"static/chunks/");
      put(pick(v.words));
      put('-');
      put(Long.toHexString(rng.nextLong() >>> 28));
      put(".js\"],\"async\":");
      put(rng.nextBoolean() ? "true" : "false");
      put("}},\n");
    }

    private void css() {
      put('.');
      put(pick(v.identifiers));
      if (rng.nextInt(3) == 0) {
        put(":hover");
      }
      put('{');
      for (int i = 1 + rng.nextInt(5); i > 0; i--) {
        put(v.cssProperties[rng.nextInt(v.cssProperties.length)]);
        put(':');
        number(64);
        put(rng.nextBoolean() ? "px" : "rem");
        put(';');
      }
      put("}\n");
    }

    private void number(int bound) {
      put(Integer.toString(rng.nextInt(bound)));
    }

    private void put(String s) {
      for (int i = 0; i < s.length() && pos < out.length; i++) {
        out[pos++] = (byte) s.charAt(i);
      }
    }

    private void put(byte[] b) {
      int n = Math.min(b.length, out.length - pos);
      System.arraycopy(b, 0, out, pos, n);
      pos += n;
    }

    private void put(char c) {
      if (pos < out.length) {
        out[pos++] = (byte) c;
      }
    }
  }
}
