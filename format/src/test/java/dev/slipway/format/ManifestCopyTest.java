package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestCopyTest {
  private static final byte[] ENTRY_THEN_NEXT = "{\"a\":1}\n<next entry>".getBytes(StandardCharsets.UTF_8);

  @Test
  void copiesExactlyTheEntrysBytesAndStopsThere() throws IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    ByteArrayInputStream archive = new ByteArrayInputStream(ENTRY_THEN_NEXT);
    ManifestCopy in = new ManifestCopy(archive, 8, copy);

    assertThat(in.read(new byte[3], 0, 3)).isEqualTo(3);
    in.drain();

    assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
    assertThat(in.read()).isEqualTo(-1);
    assertThat(archive.available()).as("the next entry is not touched").isEqualTo(ENTRY_THEN_NEXT.length - 8);
  }

  @Test
  void anArchiveThatEndsInsideTheEntryIsAnEofNotAQuietEnd() {
    ManifestCopy in = new ManifestCopy(new ByteArrayInputStream(new byte[5]), 8, OutputStream.nullOutputStream());

    assertThatThrownBy(in::drain).isInstanceOf(EOFException.class);
  }

  @Test
  void aFailedWriteOfTheCopyIsNotTakenForABrokenArchive() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    ManifestCopy in = new ManifestCopy(new ByteArrayInputStream(ENTRY_THEN_NEXT), 8, full);

    assertThatThrownBy(in::drain).isInstanceOf(ManifestCopy.WriteFailure.class).hasRootCauseMessage("No space left on device");
  }
}
