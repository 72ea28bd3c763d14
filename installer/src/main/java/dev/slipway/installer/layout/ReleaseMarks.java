package dev.slipway.installer.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-release facts the installer learns after a release is complete: when it was installed,
 * from which archive, and whether it failed its live check ("bad").
 *
 * <p>Stored as {@code ROOT/.slipway/releases/<id>.json}, not inside the release: nothing is ever
 * written into a release that may be live, and a release folder stays byte-for-byte what was
 * verified. Each file is replaced atomically.
 */
public final class ReleaseMarks {

  private final Path dir;
  private final Clock clock;
  private final ObjectMapper mapper = Json.mapper();

  public ReleaseMarks(ReleaseRoot root) {
    this(root, Clock.systemUTC());
  }

  ReleaseMarks(ReleaseRoot root, Clock clock) {
    this.dir = root.stateDir().resolve("releases");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Marks a release bad: it failed its live check. It is kept for inspection (see {@link
   * Retention}) but never chosen by a rollback. Keeps what was recorded at install.
   */
  public void markBad(String releaseId, String reason) throws IOException {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a bad release needs a reason");
    }
    ReleaseRecord before = read(releaseId).orElseGet(() -> ReleaseRecord.empty(releaseId));
    write(before.withBad(reason, clock.instant()));
  }

  /** True when the release is marked bad, or its marks cannot be read (see {@link #read}). */
  public boolean isBad(String releaseId) throws IOException {
    return read(releaseId).map(ReleaseRecord::bad).orElse(false);
  }

  /** Records when a release was installed and from which archive. Keeps a bad mark. */
  public void recordInstalled(String releaseId, Instant installedAt, String archiveSha256)
      throws IOException {
    recordInstalled(releaseId, installedAt, archiveSha256, null);
  }

  /** As above, with who signed the archive ({@link ReleaseRecord#signedBy}, issue #22). */
  public void recordInstalled(String releaseId, Instant installedAt, String archiveSha256, String signedBy)
      throws IOException {
    Objects.requireNonNull(installedAt, "installedAt");
    ReleaseRecord before = read(releaseId).orElseGet(() -> ReleaseRecord.empty(releaseId));
    write(before.withInstalled(installedAt, archiveSha256, signedBy));
  }

  /**
   * What is known about a release; empty when nothing was recorded. A marks file that exists but
   * cannot be parsed reads as <em>bad</em> (reason says so): a rollback must never pick a release
   * we can no longer vouch for. Atomic replacement makes this a should-not-happen case.
   */
  public Optional<ReleaseRecord> read(String releaseId) throws IOException {
    Path file = file(releaseId);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode json = mapper.readTree(content);
      return Optional.of(
          new ReleaseRecord(
              releaseId,
              instant(json, "installedAt"),
              text(json, "archiveSha256"),
              json.path("bad").asBoolean(false),
              text(json, "badReason"),
              instant(json, "markedBadAt"),
              text(json, "signedBy")));
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          new ReleaseRecord(
              releaseId, null, null, true, "marks file " + file + " is unreadable: " + e, null));
    }
  }

  /** Removes what is known about a release (after {@link Retention} deleted it). */
  public void forget(String releaseId) throws IOException {
    Files.deleteIfExists(file(releaseId));
  }

  private void write(ReleaseRecord record) throws IOException {
    ObjectNode json = mapper.createObjectNode();
    json.put("releaseId", record.releaseId());
    if (record.installedAt() != null) {
      json.put("installedAt", record.installedAt().toString());
    }
    if (record.archiveSha256() != null) {
      json.put("archiveSha256", record.archiveSha256());
    }
    json.put("bad", record.bad());
    if (record.badReason() != null) {
      json.put("badReason", record.badReason());
    }
    if (record.markedBadAt() != null) {
      json.put("markedBadAt", record.markedBadAt().toString());
    }
    if (record.signedBy() != null) {
      json.put("signedBy", record.signedBy());
    }
    AtomicFiles.write(file(record.releaseId()), mapper.writeValueAsBytes(json));
  }

  private Path file(String releaseId) {
    return dir.resolve(ReleaseId.parse(releaseId).value() + ".json");
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Instant instant(JsonNode json, String field) {
    String text = text(json, field);
    return text == null ? null : Instant.parse(text);
  }
}
