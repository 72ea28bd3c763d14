package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.installer.diagnosis.Signature.AppliesTo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  private static final String GOOD = "# comment\n\nA_CODE\tapp\tboom (?<what>\\w+)\tit went boom: {what}\tstop {what}\n";

  @Test
  void the_shipped_data_file_names_every_cause_the_installer_must_recognise() {
    assertThat(Signatures.load().codes()).contains(
        "NODE_TOO_OLD_FOR_NEXT", "NODE_ENGINES_MISMATCH", "NODE_MAJOR_MISMATCH", "NO_PRODUCTION_BUILD",
        "STATIC_MISSING", "ENV_VAR_UNSET", "MODULE_MISSING", "DEV_DEPENDENCY_MISSING", "NATIVE_MODULE_ABI",
        "PORT_IN_USE", "HEAP_EXHAUSTED", "BROWSER_API_ON_SERVER", "LOCKFILE_OUT_OF_SYNC", "NO_LOCKFILE",
        "REGISTRY_UNREACHABLE", "NEVER_LISTENS", "FIXED_PORT", "UNKNOWN");
  }

  @Test
  void signatures_keep_their_file_order_and_line_numbers() {
    Signatures signatures = Signatures.parse(GOOD + "B_CODE\tnpm\tbang\tbang\tduck\n", "t.tsv");

    assertThat(signatures.all()).extracting(Signature::code, Signature::line, Signature::appliesTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A_CODE", 3, AppliesTo.APP),
            org.assertj.core.groups.Tuple.tuple("B_CODE", 4, AppliesTo.NPM));
  }

  @Test
  void a_broken_regex_fails_loudly_with_its_line_number() {
    String text = GOOD + "B_CODE\tnpm\tunclosed (group\tx\ty\n";

    assertThatThrownBy(() -> Signatures.parse(text, "causes.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("causes.tsv:4: bad regex: Unclosed group");
  }

  @Test
  void a_regex_that_matches_an_empty_log_is_refused() {
    assertThatThrownBy(() -> Signatures.parse("X\tapp\t(?:maybe)?\tx\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: the regex matches an empty log");
  }

  @Test
  void a_line_without_five_columns_is_refused() {
    assertThatThrownBy(() -> Signatures.parse(GOOD + "X\tapp\tboom\tonly an explanation\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:4: expected 5 tab-separated columns");
  }

  @Test
  void an_unknown_applies_to_is_refused() {
    assertThatThrownBy(() -> Signatures.parse("X\tbrowser\tboom\tx\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: applies-to must be npm, app, any, listen or derived");
  }

  @Test
  void a_code_that_is_not_upper_snake_case_is_refused() {
    assertThatThrownBy(() -> Signatures.parse("Module-Missing\tapp\tboom\tx\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: the code must be UPPER_SNAKE_CASE");
  }

  @Test
  void a_placeholder_nothing_fills_is_refused() {
    assertThatThrownBy(() -> Signatures.parse("X\tapp\tboom (?<what>\\w+)\tit went {wat}\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: {wat} is neither a named group");
  }

  @Test
  void a_group_named_like_a_fact_of_the_classifier_is_refused() {
    assertThatThrownBy(() -> Signatures.parse("X\tapp\tin use :(?<port>\\d+)\tport {port}\ty\n", "causes.tsv"))
        .hasMessageContaining("causes.tsv:1:").hasMessageContaining("'port' is taken");
  }

  @Test
  void a_derived_line_has_no_regex_and_a_listen_line_names_the_port() {
    assertThatThrownBy(() -> Signatures.parse("X\tderived\tboom\tx\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: a derived line has '-' for its regex");
    assertThatThrownBy(() -> Signatures.parse("X\tlisten\tlistening on (\\d+)\tx\ty\n", "causes.tsv"))
        .hasMessageStartingWith("causes.tsv:1: a listen line needs the named group (?<listenPort>...)");
  }

  @Test
  void placeholders_are_filled_from_named_groups_and_an_unknown_value_shows_its_name() {
    Signature signature = Signatures.parse(GOOD, "t.tsv").all().get(0);

    assertThat(signature.cause(Map.of("what", "disk"))).isEqualTo(new Cause("A_CODE", "it went boom: disk", "stop disk"));
    assertThat(signature.cause(Map.of()).explanation()).isEqualTo("it went boom: <what>");
  }

  @Test
  void named_groups_are_found_but_lookbehinds_and_escaped_parentheses_are_not() {
    assertThat(Signature.groupNames("(?<a>x)(?<=y)(?<!z)\\(?<b>w)(?<c1>v)")).containsExactly("a", "c1");
  }

  @Test
  void the_wording_for_a_decided_code_is_its_derived_line_else_its_first_line() {
    Signatures signatures = Signatures.load();

    assertThat(signatures.wording("HEAP_EXHAUSTED").appliesTo()).isEqualTo(AppliesTo.DERIVED);
    assertThat(signatures.wording("FIXED_PORT").appliesTo()).isEqualTo(AppliesTo.LISTEN);
    assertThatThrownBy(() -> signatures.wording("NO_SUCH_CODE")).hasMessageContaining("NO_SUCH_CODE");
  }

  @Test
  void adding_a_signature_is_one_line_in_the_data_file() throws IOException {
    String shipped;
    try (InputStream in = Signatures.class.getResourceAsStream(Signatures.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String added = "DISK_FULL\tany\tENOSPC: no space left on device, write\tthe disk of this host is full"
        + "\tfree space on the disk that holds the release\n";

    Classifier classifier = new Classifier(Signatures.parse(shipped + added, "causes.tsv"));
    Diagnosis d = classifier.classify(Source.APP,
        "Error: ENOSPC: no space left on device, write\n    at writeSync (node:fs:936:3)\n", Context.empty());

    assertThat(d.code()).isEqualTo("DISK_FULL");
    assertThat(d.firstException()).isEqualTo("Error: ENOSPC: no space left on device, write\n    at writeSync (node:fs:936:3)");
  }
}
