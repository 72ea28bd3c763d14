package dev.slipway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code installer adopt} with the clock it is given, as install and rollback (issue #19). */
class AdoptionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T17:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;

  @Test
  void theAdoptedReleaseAndItsHistoryLineCarryTheClocksTime() throws Exception {
    Files.createDirectories(root.resolve("current"));
    Files.writeString(root.resolve("current/server.js"), "// a manual deploy");

    String id = Adoption.adopt(root, CLOCK);

    assertThat(id).startsWith("20261205T170000Z-adopted");
    assertThat(Files.readString(root.resolve("releases").resolve(id).resolve("server.js"))).contains("manual deploy");
    assertThat(Files.readString(root.resolve("history.jsonl"))).contains("\"time\":\"2026-12-05T17:00:00Z\"", "\"action\":\"adopt\"");
  }
}
