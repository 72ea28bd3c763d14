package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.installer.diagnosis.Signature.AppliesTo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured log of the corpus is classified as corpus.tsv says, every code of causes.tsv is
 * the outcome of some corpus entry, and every regex line of causes.tsv wins some corpus log: a
 * signature added without a sample log fails the build.
 */
class CorpusCoverageTest {
  private static final Classifier CLASSIFIER = new Classifier();

  static Stream<Corpus.Entry> entries() {
    return Corpus.entries().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void each_corpus_log_is_classified_as_the_corpus_says(Corpus.Entry entry) {
    Diagnosis diagnosis = Corpus.judge(CLASSIFIER, entry).diagnosis();

    assertThat(diagnosis.code()).as(entry.toString()).isEqualTo(entry.expected());
    // every placeholder filled: none left as {name}, none rendered as <name> for want of a value
    assertThat(diagnosis.explanation()).as("explanation of " + entry).isNotBlank()
        .doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9]*\\}").doesNotContainPattern("<[A-Za-z][A-Za-z0-9]*>");
    assertThat(diagnosis.fix()).as("fix of " + entry).isNotBlank()
        .doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9]*\\}").doesNotContainPattern("<[A-Za-z][A-Za-z0-9]*>");
  }

  @Test
  void every_cause_code_of_the_data_file_is_the_outcome_of_a_corpus_entry() {
    Set<String> expected = Corpus.entries().stream().map(Corpus.Entry::expected).collect(Collectors.toSet());

    List<String> uncovered = Signatures.load().codes().stream().filter(code -> !expected.contains(code)).toList();
    assertThat(uncovered).as("codes of causes.tsv that no line of logs/corpus.tsv expects: add a sample log").isEmpty();
  }

  @Test
  void every_regex_line_of_the_data_file_wins_at_least_one_corpus_log() {
    Set<Integer> won = Corpus.entries().stream()
        .map(entry -> Corpus.judge(CLASSIFIER, entry).matched())
        .filter(java.util.Objects::nonNull)
        .map(Signature::line)
        .collect(Collectors.toCollection(TreeSet::new));

    List<String> orphans = Signatures.load().all().stream()
        .filter(s -> s.appliesTo() != AppliesTo.DERIVED)
        .filter(s -> !won.contains(s.line()))
        .map(s -> "causes.tsv:" + s.line() + " " + s.code() + " " + s.pattern().pattern())
        .toList();
    assertThat(orphans).as("signatures that win no corpus log: add a sample log to logs/corpus.tsv").isEmpty();
  }

  @Test
  void every_derived_line_of_the_data_file_words_at_least_one_corpus_outcome() {
    Set<Integer> worded = Corpus.entries().stream()
        .map(entry -> Corpus.judge(CLASSIFIER, entry).worded().line())
        .collect(Collectors.toSet());

    List<String> unused = Signatures.load().all().stream()
        .filter(s -> s.appliesTo() == AppliesTo.DERIVED)
        .filter(s -> !worded.contains(s.line()))
        .map(s -> "causes.tsv:" + s.line() + " " + s.code())
        .toList();
    assertThat(unused).as("derived wordings no corpus entry reaches").isEmpty();
  }

  @Test
  void every_log_file_is_listed_in_the_corpus_index() throws Exception {
    Set<String> listed = Corpus.entries().stream().map(Corpus.Entry::file).collect(Collectors.toSet());
    java.nio.file.Path dir = java.nio.file.Path.of(Corpus.class.getResource("logs/corpus.tsv").toURI()).getParent();
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      Set<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
          .collect(Collectors.toSet());
      assertThat(listed).as("logs nobody classifies").containsAll(logs);
    }
  }
}
