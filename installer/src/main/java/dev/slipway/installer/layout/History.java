package dev.slipway.installer.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.format.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ROOT/history.jsonl}: one JSON object per line, appended, never rewritten. Plain text so
 * an operator can {@code tail} and {@code grep} it, and so a crash can damage at most the line
 * being written.
 */
public final class History {

  private final Path file;
  private final ObjectMapper mapper = Json.mapper();

  /** @param file usually {@link ReleaseRoot#historyFile()} */
  public History(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * Appends one line with a single write on an O_APPEND channel followed by fsync, so a reader
   * sees the line whole (or, if the machine dies mid-write, a truncated last line that {@link
   * #readAll} skips). If the file does not end with a newline (a previous write was cut short), a
   * newline goes first so the damaged line cannot swallow this one.
   *
   * <p>Appends from one root are serialized by {@link RootLock}; call while holding it. Within one
   * JVM this instance also serializes its callers: the newline check and the write must not
   * interleave with another thread's append (a flaky test showed an extra line when they did).
   */
  public synchronized void append(HistoryEntry entry) throws IOException {
    Objects.requireNonNull(entry, "entry");
    StateFiles.refuseLink(file); // before reading its last byte too: a link may name a FIFO
    // Jackson's compact output escapes newlines inside strings, so this is exactly one line.
    byte[] json = mapper.writeValueAsBytes(entry);
    // Never through a planted link (issue #20: `history.jsonl -> /etc/...` gained lines), so a
    // channel opened with NOFOLLOW_LINKS (O_NOFOLLOW). A channel refuses to write once the thread
    // is interrupted (ClosedByInterruptException), and the line that records a run is written
    // exactly when a SIGTERM may have interrupted it (InstallSignalIT): the flag is
    // cleared for the write and restored after, and a signal that lands during the write costs a
    // retry (a line it cut short is healed by the next one's leading newline).
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          appendLine(json);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted = true;
          Thread.interrupted();
          if (attempt == 3) {
            throw e;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One write on an O_APPEND, O_NOFOLLOW channel, then fsync; a newline first if the file needs healing. */
  private void appendLine(byte[] json) throws IOException {
    boolean heal = !endsWithNewlineOrEmpty();
    byte[] line = new byte[json.length + (heal ? 2 : 1)];
    if (heal) {
      line[0] = '\n';
    }
    System.arraycopy(json, 0, line, heal ? 1 : 0, json.length);
    line[line.length - 1] = '\n';
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
      AtomicFiles.writeFully(out, ByteBuffer.wrap(line));
      out.force(true);
    }
  }

  private boolean endsWithNewlineOrEmpty() throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      if (size == 0) {
        return true;
      }
      in.seek(size - 1);
      return in.read() == '\n';
    } catch (FileNotFoundException e) {
      return !Files.exists(file);
    }
  }

  /**
   * Every entry, oldest first; empty when the file does not exist. Lines that do not parse as an
   * entry are skipped: the truncated last line of a write cut short by a crash, or such a line
   * that a later append has since closed with a newline. Losing that one record is better than
   * refusing to show the rest.
   */
  public List<HistoryEntry> readAll() throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<HistoryEntry> entries = new ArrayList<>();
    int start = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      // Decoded per line and leniently: a write cut mid-character must not spoil the whole file.
      String line = new String(content, start, end - start, StandardCharsets.UTF_8).strip();
      if (!line.isEmpty()) {
        try {
          entries.add(mapper.readValue(line, HistoryEntry.class));
        } catch (IOException | RuntimeException e) {
          // a damaged line: see the method comment
        }
      }
      start = end + 1;
    }
    return List.copyOf(entries);
  }
}
