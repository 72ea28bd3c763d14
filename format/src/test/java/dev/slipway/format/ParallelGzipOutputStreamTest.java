package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {
  private static final int BLOCK = 64 * 1024;
  /** Runs of random bytes and of text alternate in chunks of this size. */
  private static final int CHUNK = 64 * 1024;

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 7 * BLOCK + 12_345})
  void roundTripsThroughGzipInputStreamAroundBlockBoundaries(int size) throws IOException {
    byte[] data = mixed(size, 1);

    byte[] gz = compress(data, BLOCK, 2, 4096);

    assertThat(gunzip(gz)).isEqualTo(data);
  }

  @Test
  void emptyInputIsAValidEmptyMember() throws IOException {
    byte[] gz = compress(new byte[0], BLOCK, 2, 1);

    assertThat(gunzip(gz)).isEmpty();
    // Header (10) + final empty fixed-Huffman block (2) + trailer (8).
    assertThat(gz).hasSize(20);
  }

  @Test
  void headerIsTheOneTheWriterAlwaysWroteAndTrailerHoldsCrcAndLength() throws IOException {
    byte[] data = mixed(3 * BLOCK + 5, 2);

    byte[] gz = compress(data, BLOCK, 2, 8192);

    assertThat(Arrays.copyOf(gz, 10)).isEqualTo(Arrays.copyOf(commonsCompressGzip(new byte[0], 6), 10));
    CRC32 crc = new CRC32();
    crc.update(data);
    assertThat(littleEndianInt(gz, gz.length - 8)).isEqualTo((int) crc.getValue());
    assertThat(littleEndianInt(gz, gz.length - 4)).isEqualTo(data.length);
  }

  @Test
  void sameBytesWhateverTheThreadCountOrHowTheInputIsWritten() throws IOException {
    byte[] data = mixed(9 * BLOCK + 777, 3);

    String reference = Sha256.of(compress(data, BLOCK, 1, data.length + 1));
    for (int threads : new int[] {1, 2, 3, 8}) {
      for (int chunk : new int[] {1, 512, 4096, BLOCK, 3 * BLOCK + 1}) {
        if (chunk == 1 && threads > 2) {
          continue; // slow and says nothing new
        }
        assertThat(Sha256.of(compress(data, BLOCK, threads, chunk)))
            .as("%d threads, writes of %d", threads, chunk)
            .isEqualTo(reference);
      }
    }
  }

  /**
   * Guards against a race: finishing while older blocks are still queued must neither drop nor
   * change them. Small blocks and one thread keep several blocks queued when finish() comes.
   */
  @Test
  void repeatedRunsGiveIdenticalCompleteOutput() throws IOException {
    byte[] data = mixed(40 * 8192 + 100, 4);
    byte[] reference = compress(data, 8192, 1, data.length + 1);
    assertThat(gunzip(reference)).isEqualTo(data);

    for (int run = 0; run < 30; run++) {
      assertThat(Sha256.of(compress(data, 8192, 1 + run % 3, 8192))).as("run %d", run).isEqualTo(Sha256.of(reference));
    }
  }

  @Test
  void blocksSmallerThanTheDictionaryStillRoundTrip() throws IOException {
    byte[] data = mixed(200_000, 5);

    byte[] gz = compress(data, 1000, 2, 777);

    assertThat(gunzip(gz)).isEqualTo(data);
    assertThat(Sha256.of(compress(data, 1000, 3, 4096))).isEqualTo(Sha256.of(gz));
  }

  @Test
  void withinOnePercentOfSingleStreamGzipAtTheSameLevel() throws IOException {
    byte[] data = text(4 * 1024 * 1024, 6);

    int single = commonsCompressGzip(data, 6).length;
    int parallel = compress(data, 256 * 1024, 2, 65536).length;

    assertThat((double) parallel).isLessThanOrEqualTo(single * 1.01);
  }

  @Test
  void randomBytesGrowByAtMostATenthOfAPercentAndTextIsDeflated() throws IOException {
    byte[] random = new byte[3 * BLOCK + 999];
    new SplittableRandom(8).nextBytes(random);
    byte[] gz = compress(random, BLOCK, 2, 4096);
    assertThat(gunzip(gz)).isEqualTo(random);
    assertThat(gz.length).isLessThan(random.length + random.length / 1000 + 64);

    byte[] text = text(3 * BLOCK, 9);
    assertThat(compress(text, BLOCK, 2, 4096).length).isLessThan(text.length / 2);
  }

  @ParameterizedTest(name = "block {0}")
  @ValueSource(ints = {1000, 40_000, 65_536, 100_000, 1 << 20})
  void mixedRandomAndTextChunksRoundTripWhateverTheBlockSize(int blockSize) throws IOException {
    byte[] data = new byte[5 * CHUNK + 12_345];
    SplittableRandom rng = new SplittableRandom(blockSize);
    byte[] text = text(data.length, 4);
    for (int chunk = 0; chunk * CHUNK < data.length; chunk++) {
      int from = chunk * CHUNK;
      int n = Math.min(CHUNK, data.length - from);
      if (chunk % 3 != 1) {
        for (int i = 0; i < n; i++) {
          data[from + i] = (byte) rng.nextInt(256);
        }
      } else {
        System.arraycopy(text, from, data, from, n);
      }
    }

    byte[] gz = compress(data, blockSize, 2, 3333);

    assertThat(gunzip(gz)).isEqualTo(data);
    assertThat(Sha256.of(compress(data, blockSize, 1, data.length))).isEqualTo(Sha256.of(gz));
  }

  @Test
  void aStreamThatEndsInRandomBytesPassesGzipT() throws Exception {
    byte[] data = new byte[2 * CHUNK];
    new SplittableRandom(11).nextBytes(data);
    Path file = tmp.resolve("random.gz");
    Files.write(file, compress(data, CHUNK, 2, 8192));

    assertThat(run("gzip", "-t", file.toString())).isZero();
    assertThat(gunzip(Files.readAllBytes(file))).isEqualTo(data);
  }

  @Test
  void gnuGzipAndTarReadIt() throws Exception {
    byte[] data = mixed(5 * BLOCK + 3, 7);
    Path file = tmp.resolve("data.gz");
    Files.write(file, compress(data, BLOCK, 2, 10_000));

    assertThat(run("gzip", "-t", file.toString())).isZero();
    Path out = tmp.resolve("data");
    assertThat(run("sh", "-c", "gzip -dc '" + file + "' > '" + out + "'")).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  @Test
  void writingAfterFinishFailsAndCloseIsIdempotent() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, Deflater.DEFAULT_COMPRESSION, BLOCK, 2);
    gz.write("hello".getBytes(StandardCharsets.UTF_8));
    gz.finish();
    int size = sink.size();

    assertThatThrownBy(() -> gz.write(1)).isInstanceOf(IOException.class);
    gz.close();
    gz.close();
    assertThat(sink.size()).isEqualTo(size);
    assertThat(new String(gunzip(sink.toByteArray()), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void refusesNonsenseParameters() {
    OutputStream sink = OutputStream.nullOutputStream();
    assertThatThrownBy(() -> new ParallelGzipOutputStream(sink, 6, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParallelGzipOutputStream(sink, 6, BLOCK, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParallelGzipOutputStream(sink, 10, BLOCK, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] compress(byte[] data, int blockSize, int threads, int chunk) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, Deflater.DEFAULT_COMPRESSION, blockSize, threads)) {
      for (int off = 0; off < data.length; off += chunk) {
        int n = Math.min(chunk, data.length - off);
        if (n == 1) {
          gz.write(data[off]);
        } else {
          gz.write(data, off, n);
        }
      }
    }
    return sink.toByteArray();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static byte[] commonsCompressGzip(byte[] data, int level) throws IOException {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(level == 6 ? Deflater.DEFAULT_COMPRESSION : level);
    parameters.setModificationTime(0);
    parameters.setFileName(null);
    parameters.setOperatingSystem(255);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(sink, parameters)) {
      gz.write(data);
    }
    return sink.toByteArray();
  }

  /** Text with repeats (compresses) and runs of random bytes (does not), like a real archive. */
  static byte[] mixed(int size, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] data = new byte[size];
    byte[] text = text(Math.min(size, 100_000) + 1, seed);
    for (int i = 0; i < size; ) {
      int run = Math.min(size - i, 1 + rng.nextInt(20_000));
      if (rng.nextBoolean()) {
        for (int j = 0; j < run; j++) {
          data[i + j] = (byte) rng.nextInt(256);
        }
      } else {
        int from = rng.nextInt(text.length);
        for (int j = 0; j < run; j++) {
          data[i + j] = text[(from + j) % text.length];
        }
      }
      i += run;
    }
    return data;
  }

  static byte[] text(int size, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] words = new String[500];
    for (int i = 0; i < words.length; i++) {
      StringBuilder word = new StringBuilder();
      for (int j = 1 + rng.nextInt(10); j > 0; j--) {
        word.append((char) ('a' + rng.nextInt(26)));
      }
      words[i] = word.toString();
    }
    StringBuilder out = new StringBuilder(size + 16);
    while (out.length() < size) {
      double u = rng.nextDouble();
      out.append(words[(int) (words.length * u * u)]).append(rng.nextInt(8) == 0 ? "(){" : ".");
    }
    return out.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static int littleEndianInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
