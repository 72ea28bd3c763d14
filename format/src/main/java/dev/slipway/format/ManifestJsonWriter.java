package dev.slipway.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes {@code manifest.json} as a stream: the header when opened, then each file entry as the
 * writer hashes it, so the packager never holds the list of 50k entries, nor the manifest's
 * megabytes as a String, a copy and a byte array (issue #7: the packager's peak memory grew by
 * 65 MB between 10k and 50k files).
 *
 * <p>The bytes are exactly those of {@code Json.prettyBytes(header.withFiles(files))}, which the
 * tests check: the fields come in the record's order, the header's through a tree of it so that
 * Jackson's inclusion rules (no nulls, no empty {@code links}) apply as they do to the whole
 * record, and {@code files} last, as in the record: after {@code links}, which a streaming reader
 * must know before the first file (issue #16).
 */
final class ManifestJsonWriter implements AutoCloseable {
  private final OutputStream out;
  private final JsonGenerator generator;
  /** The reader refuses a file at or below a link (issue #16), so the writer never writes one. */
  private final LinkListCheck links;
  private int fileCount;

  ManifestJsonWriter(OutputStream out, Manifest.Header header) throws IOException {
    this.out = out;
    this.links = new LinkListCheck(header.links());
    this.generator = Json.prettyGenerator(out);
    generator.writeStartObject();
    ObjectNode fields = Json.mapper().valueToTree(header);
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      generator.writeFieldName(field.getKey());
      generator.writeTree(field.getValue());
    }
    generator.writeFieldName("files");
    generator.writeStartArray();
  }

  void add(FileEntry file) throws IOException {
    links.acceptFile(file.path());
    generator.writeObject(file);
    fileCount++;
  }

  int fileCount() {
    return fileCount;
  }

  /** Ends the document (with the newline {@link Json#prettyBytes} adds) and flushes it to the stream. */
  @Override
  public void close() throws IOException {
    generator.writeEndArray();
    generator.writeEndObject();
    generator.close();
    out.write('\n');
    out.flush();
  }
}
