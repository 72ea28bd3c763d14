package dev.slipway.format.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures say what they claim, checked with a parser that is not the one under test: GNU tar.
 * Without this a refusal could come from a malformed fixture instead of the attack it stands for.
 */
class HostileArchivesTest {
  @TempDir Path tmp;

  static Stream<Arguments> gnuTarSees() {
    return Stream.of(
        Arguments.of("control", (Callable<byte[]>) HostileArchives::control, "sub/b.txt"),
        Arguments.of("ustarPrefixTraversal", (Callable<byte[]>) HostileArchives::ustarPrefixTraversal, " ../../escaped.txt"),
        Arguments.of("gnuLongNameTraversal", (Callable<byte[]>) HostileArchives::gnuLongNameTraversal, " ../escaped.txt"),
        Arguments.of("paxPathTraversal", (Callable<byte[]>) HostileArchives::paxPathTraversal, " ../x"),
        Arguments.of("paxSizeSmuggling", (Callable<byte[]>) HostileArchives::paxSizeSmuggling, " ../escaped.txt"),
        Arguments.of("symlinkOutside", (Callable<byte[]>) HostileArchives::symlinkOutsideThenWriteThrough, "link -> ../../outside"),
        Arguments.of("hardLinkToEtcPasswd", (Callable<byte[]>) HostileArchives::hardLinkToEtcPasswd, "a.txt link to etc/passwd"), // GNU tar strips the / when listing
        Arguments.of("characterDevice", (Callable<byte[]>) HostileArchives::characterDevice, "crw-------"),
        Arguments.of("blockDevice", (Callable<byte[]>) HostileArchives::blockDevice, "brw-rw----"),
        Arguments.of("fifo", (Callable<byte[]>) HostileArchives::fifo, "prw-r--r--"),
        Arguments.of("setuid", (Callable<byte[]>) HostileArchives::setuid, "-rwsr-xr-x"),
        Arguments.of("sticky", (Callable<byte[]>) HostileArchives::sticky, "-rw-r--r-T"),
        Arguments.of("overlongPathViaPax", (Callable<byte[]>) HostileArchives::overlongPathViaPax, "d/d/d/d/x.txt"),
        Arguments.of("badHeaderChecksum", (Callable<byte[]>) HostileArchives::badHeaderChecksum, "Skipping to next header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gnuTarSees")
  void gnuTarListsWhatTheFixtureClaims(String name, Callable<byte[]> archive, String expected) throws Exception {
    Path file = tmp.resolve(name + ".tar.gz");
    Files.write(file, archive.call());

    assertThat(gnuTarList(file)).contains(expected);
  }

  @Test
  void bombsInflateAsAdvertisedInConstantMemory() throws Exception {
    long size = 64L * 1024 * 1024;
    GzipStreams.OnTheFly gzip = new GzipStreams.OnTheFly(GzipStreams.repeat((byte) 0, size));
    CountingStream compressed = new CountingStream(gzip);
    long inflated = 0;
    int nonZero = 0;
    try (InputStream in = new GZIPInputStream(compressed, 64 * 1024)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          nonZero |= buffer[i];
        }
        inflated += n;
      }
    }

    assertThat(inflated).isEqualTo(size);
    assertThat(nonZero).isZero();
    assertThat(gzip.sourceBytesRead()).isEqualTo(size);
    // Deflate's best is about 1032:1: 64 MiB of zeros is some 64 KiB, so 1 GiB is about 1 MiB.
    assertThat(compressed.count).isLessThan(size / 500);
  }

  @Test
  void theOnTheFlyStreamIsValidGzipForAnyContent() throws Exception {
    byte[] text = "not a bomb, just text\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    try (InputStream in = new GZIPInputStream(new GzipStreams.OnTheFly(new ByteArrayInputStream(text)))) {
      assertThat(in.readAllBytes()).isEqualTo(text);
    }
  }

  private static String gnuTarList(Path archive) throws IOException, InterruptedException {
    Process tar = new ProcessBuilder("tar", "-tvzf", archive.toString()).redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
