package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  private static final String SHA = "a".repeat(64);

  @TempDir Path tmp;

  private static HistoryEntry install(String id, String result) {
    return new HistoryEntry(
        "2026-11-27T16:30:00Z",
        HistoryEntry.INSTALL,
        SHA,
        id,
        Fixtures.id(0, "prev"),
        result,
        result.equals(HistoryEntry.OK) ? null : "npm-ci",
        result.equals(HistoryEntry.OK) ? null : "NPM_FAILED",
        1234);
  }

  @Test
  void appendedEntriesReadBackInOrder() throws IOException {
    History history = new History(tmp.resolve("history.jsonl"));
    HistoryEntry first = install(Fixtures.id(1, "a"), HistoryEntry.OK);
    HistoryEntry second = install(Fixtures.id(2, "b"), HistoryEntry.REFUSED);
    HistoryEntry rollback =
        new HistoryEntry(
            "2026-11-27T16:31:00.5Z",
            HistoryEntry.ROLLBACK,
            null,
            Fixtures.id(1, "a"),
            Fixtures.id(2, "b"),
            HistoryEntry.OK,
            null,
            null,
            0);
    history.append(first);
    history.append(second);
    history.append(rollback);

    assertThat(history.readAll()).containsExactly(first, second, rollback);
  }

  @Test
  void eachEntryIsExactlyOneLineWithNullsLeftOut() throws IOException {
    Path file = tmp.resolve("history.jsonl");
    HistoryEntry tricky =
        new HistoryEntry(
            "2026-11-27T16:30:00Z", "install", null, null, null, "refused", "a\nb", "X", 5);
    new History(file).append(tricky);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("releaseId").contains("\"failedStep\":\"a\\nb\"");
    assertThat(new History(file).readAll()).containsExactly(tricky);
  }

  @Test
  void missingFileReadsAsEmpty() throws IOException {
    assertThat(new History(tmp.resolve("none.jsonl")).readAll()).isEmpty();
  }

  @Test
  void truncatedLastLineIsSkipped() throws IOException {
    Path file = tmp.resolve("history.jsonl");
    History history = new History(file);
    HistoryEntry kept = install(Fixtures.id(1, "a"), HistoryEntry.OK);
    history.append(kept);
    Files.writeString(file, "{\"time\":\"2026-11-27T16:3", StandardOpenOption.APPEND);

    assertThat(history.readAll()).containsExactly(kept);
  }

  @Test
  void lineCutInsideAMultiByteCharacterIsSkipped() throws IOException {
    Path file = tmp.resolve("history.jsonl");
    History history = new History(file);
    HistoryEntry kept = install(Fixtures.id(1, "a"), HistoryEntry.OK);
    history.append(kept);
    long goodLength = Files.size(file);
    history.append(
        new HistoryEntry(
            "2026-11-27T16:30:00Z", "install", null, null, null, "aborted", "ü", "X", 5));
    byte[] bytes = Files.readAllBytes(file);
    int cut = indexOf(bytes, "ü".getBytes(StandardCharsets.UTF_8)) + 1; // between its two bytes
    assertThat(cut).isGreaterThan((int) goodLength);
    Files.write(file, Arrays.copyOf(bytes, cut));

    assertThat(history.readAll()).containsExactly(kept);
  }

  @Test
  void appendAfterATruncatedLineStartsOnItsOwnLine() throws IOException {
    Path file = tmp.resolve("history.jsonl");
    History history = new History(file);
    HistoryEntry before = install(Fixtures.id(1, "a"), HistoryEntry.OK);
    HistoryEntry after = install(Fixtures.id(2, "b"), HistoryEntry.OK);
    history.append(before);
    Files.writeString(file, "{\"time\":\"2026-", StandardOpenOption.APPEND); // crash mid-write
    history.append(after);

    assertThat(history.readAll()).containsExactly(before, after);
    assertThat(Files.readAllLines(file)).hasSize(3);
  }

  @Test
  void fieldsFromANewerInstallerAreIgnored() throws IOException {
    Path file = tmp.resolve("history.jsonl");
    Files.writeString(
        file,
        "{\"time\":\"2026-11-27T16:30:00Z\",\"action\":\"install\",\"result\":\"ok\","
            + "\"durationMillis\":7,\"newField\":{\"x\":1}}\n");
    assertThat(new History(file).readAll())
        .singleElement()
        .satisfies(e -> assertThat(e.durationMillis()).isEqualTo(7));
  }

  @Test
  void concurrentAppendsNeverInterleave() throws Exception {
    // One write per line on an O_APPEND channel: even appenders that ignore the lock cannot mix
    // their bytes, which two writes (json, then "\n") could.
    Path file = tmp.resolve("history.jsonl");
    History history = new History(file);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String id = Fixtures.id(w, "w" + w);
      writers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 100; i++) {
                  try {
                    history.append(install(id, HistoryEntry.OK));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              }));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(file)).hasSize(400);
    assertThat(history.readAll()).hasSize(400);
  }

  @Test
  void entriesAreValidated() {
    assertThatThrownBy(
            () -> new HistoryEntry("yesterday", "install", null, null, null, "ok", null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new HistoryEntry(
                    "2026-11-27T16:30:00Z", "deploy", null, null, null, "ok", null, null, 0))
        .hasMessageContaining("action");
    assertThatThrownBy(
            () ->
                new HistoryEntry(
                    "2026-11-27T16:30:00Z", "install", null, null, null, "fine", null, null, 0))
        .hasMessageContaining("result");
    assertThatThrownBy(
            () ->
                new HistoryEntry(
                    "2026-11-27T16:30:00Z", "install", "ABC", null, null, "ok", null, null, 0))
        .hasMessageContaining("sha");
    assertThatThrownBy(
            () ->
                new HistoryEntry(
                    "2026-11-27T16:30:00Z", "install", null, "../x", null, "ok", null, null, 0))
        .hasMessageContaining("not a release id");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
