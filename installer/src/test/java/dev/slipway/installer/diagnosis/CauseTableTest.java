package dev.slipway.installer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CauseTableTest {

  @Test
  void the_readme_table_has_one_row_for_every_code_of_the_data_file() {
    String table = CauseTable.markdown();
    List<String> rows = table.lines().toList();

    assertThat(rows.get(0)).isEqualTo("| Cause code | What went wrong | Fix |");
    assertThat(rows.get(1)).isEqualTo("|---|---|---|");
    List<String> codes = Signatures.load().codes();
    assertThat(rows).hasSize(2 + codes.size());
    for (String code : codes) {
      assertThat(rows).as(code).filteredOn(row -> row.startsWith("| `" + code + "` | ")).hasSize(1);
    }
  }

  @Test
  void every_row_has_three_cells_even_when_the_text_holds_a_pipe() {
    String table = CauseTable.markdown(Signatures.parse("A\tapp\tboom\ta | b\tuse x || y\n", "t.tsv"));

    String row = table.lines().toList().get(2);
    assertThat(row).isEqualTo("| `A` | a \\| b | use x \\|\\| y |");
    assertThat(row.split("(?<!\\\\)\\|")).hasSize(4);
  }

  @Test
  void a_code_is_worded_by_its_first_line_with_placeholders_left_in() {
    String table = CauseTable.markdown();

    assertThat(table).contains("| `MODULE_MISSING` | the app requires {module}, which is not installed in the release |");
  }
}
