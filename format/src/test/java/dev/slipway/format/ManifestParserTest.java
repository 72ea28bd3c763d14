package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming manifest reader against what data binding wrote and against malformed input. */
class ManifestParserTest {
  private static final String SHA = Sha256.of(new byte[0]);

  @Test
  void readsBackExactlyWhatThePackagersDataBindingWrote() throws Exception {
    Manifest written = ArchiveFixtures.manifest(List.of(
        new FileEntry(".deploy/env.json", 12, FileEntry.MODE_FILE, SHA),
        new FileEntry("bin/run", 3, FileEntry.MODE_EXECUTABLE, SHA),
        new FileEntry("server.js", 1L << 33, FileEntry.MODE_FILE, SHA)));

    Manifest read = ManifestParser.manifest(Json.prettyBytes(written));

    assertThat(read).isEqualTo(written);
    assertThat(ManifestParser.manifest(Json.line(written).getBytes(StandardCharsets.UTF_8))).isEqualTo(written);
  }

  @Test
  void handsOutTheFilesOneByOneInDocumentOrder() throws Exception {
    Manifest written = ArchiveFixtures.manifest(List.of(
        new FileEntry("a.txt", 1, FileEntry.MODE_FILE, SHA), new FileEntry("b.txt", 2, FileEntry.MODE_FILE, SHA)));
    List<String> seen = new ArrayList<>();

    Manifest.Header header = ManifestParser.header(Json.prettyBytes(written), file -> seen.add(file.path()));

    assertThat(header).isEqualTo(written.header());
    assertThat(seen).containsExactly("a.txt", "b.txt");
  }

  @Test
  void theHeaderOfAnInstalledReleaseSkipsTheFileListWithoutValidatingIt() throws Exception {
    Manifest written = ArchiveFixtures.manifest(List.of(new FileEntry("a.txt", 1, FileEntry.MODE_FILE, SHA)));
    String json = new String(Json.prettyBytes(written), StandardCharsets.UTF_8).replace("\"size\" : 1", "\"size\" : -1");

    Manifest.Header header = Manifest.Header.readSkippingFiles(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(header).isEqualTo(written.header());
    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .as("the full read does validate it").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ignoresFieldsAddedByANewerMinorVersion() throws Exception {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(List.of())), StandardCharsets.UTF_8)
        .replace("\"buildId\"", "\"future\" : { \"nested\" : [ 1, { \"x\" : null } ] },\n  \"buildId\"");

    assertThat(ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)).buildId()).isEqualTo("build-1");
  }

  @Test
  void refusesAFieldGivenTwiceBecauseAnotherReaderMightTakeTheOther() {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(List.of())), StandardCharsets.UTF_8)
        .replace("\"buildId\" : \"build-1\"", "\"buildId\" : \"build-1\", \"buildId\" : \"evil\"");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("buildId");
  }

  @Test
  void namesTheFieldWhoseValueHasTheWrongType() {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(
            List.of(new FileEntry("a.txt", 1, FileEntry.MODE_FILE, SHA)))), StandardCharsets.UTF_8)
        .replace("\"size\" : 1", "\"size\" : \"1\"");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be an integer, found a string");
  }

  @Test
  void namesTheNestedFieldWhoseValueHasTheWrongType() {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(List.of())), StandardCharsets.UTF_8)
        .replace("\"node\" : \"v20.11.1\"", "\"node\" : 20, \"extra\" : { \"ignored\" : 1 }");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("builtWith.node must be a string");
  }

  @Test
  void refusesAFileEntryWithoutSizeOrMode() {
    String json = new String(Json.prettyBytes(ArchiveFixtures.manifest(
            List.of(new FileEntry("a.txt", 1, FileEntry.MODE_FILE, SHA)))), StandardCharsets.UTF_8)
        .replace("\"size\" : 1,", "");

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size of 'a.txt' is missing");
  }

  @Test
  void refusesAManifestWithoutAFileList() {
    String json = "{ \"formatVersion\" : 1 }";

    assertThatThrownBy(() -> ManifestParser.manifest(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("files is missing");
  }

  @Test
  void readsTheEnvManifestSortedAndValidated() throws Exception {
    EnvManifest env = ManifestParser.envManifest(
        "{ \"required\" : [ \"B\", \"A\" ], \"optional\" : null, \"x\" : 1 }".getBytes(StandardCharsets.UTF_8));

    assertThat(env.required()).containsExactly("A", "B");
    assertThat(env.optional()).isEmpty();
    assertThatThrownBy(() -> ManifestParser.envManifest("{ \"required\" : [ \"1BAD\" ] }".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1BAD");
  }
}
