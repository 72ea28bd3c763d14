package dev.slipway.installer.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The captured logs under test resources {@code logs/}, and their index {@code logs/corpus.tsv}. */
final class Corpus {
  private Corpus() {}

  /** One line of corpus.tsv. */
  record Entry(String file, String mode, String expected, Map<String, String> facts, int line) {
    String log() {
      return file.equals("-") ? "" : Corpus.log(file);
    }

    Set<String> set(String key) {
      String value = facts.get(key);
      return value == null ? Set.of() : new TreeSet<>(Arrays.asList(value.split(",")));
    }

    Integer integer(String key) {
      String value = facts.get(key);
      return value == null ? null : Integer.valueOf(value);
    }

    Context context() {
      return new Context(set("dev"), set("deps"), facts.get("build"), facts.get("host"), integer("exit"), integer("port"));
    }

    @Override
    public String toString() {
      return "corpus.tsv:" + line + " " + file + " (" + mode + ") -> " + expected;
    }
  }

  static String log(String name) {
    return read("logs/" + name);
  }

  static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    String[] lines = read("logs/corpus.tsv").split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 4) {
        throw new IllegalStateException("corpus.tsv:" + (i + 1) + ": expected 4 tab-separated columns");
      }
      Map<String, String> facts = new LinkedHashMap<>();
      for (String pair : columns[3].split(";")) {
        if (!pair.isBlank()) {
          int eq = pair.indexOf('=');
          facts.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
      entries.add(new Entry(columns[0].strip(), columns[1].strip(), columns[2].strip(), facts, i + 1));
    }
    return entries;
  }

  /** What the classifier makes of an entry, with the data-file lines behind it. */
  static Classifier.Verdict judge(Classifier classifier, Entry entry) {
    Context context = entry.context();
    LogText log = LogText.of(entry.log());
    return switch (entry.mode()) {
      case "npm" -> classifier.judge(Source.NPM, log, context);
      case "app" -> classifier.judge(Source.APP, log, context);
      case "smoke-alive" -> classifier.judgeNeverListens(true, context.port(), log, context);
      case "preflight-major" -> classifier.judgeNodeMajorMismatch(entry.facts().get("build"), entry.facts().get("host"));
      case "preflight-engines" -> classifier.judgeEnginesMismatch(entry.facts().get("range"), entry.facts().get("host"));
      case "env-declared" -> classifier.judgeEnvNotSet(List.copyOf(entry.set("names")));
      default -> throw new IllegalStateException(entry + ": unknown mode " + entry.mode());
    };
  }

  private static String read(String resource) {
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
