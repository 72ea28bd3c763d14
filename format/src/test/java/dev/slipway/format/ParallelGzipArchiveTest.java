package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive writer with its body compressed on several threads: same bytes, readable by all. */
class ParallelGzipArchiveTest {
  @TempDir Path tmp;

  @Test
  void archiveBytesDoNotDependOnTheNumberOfCompressingThreads() throws Exception {
    SortedMap<String, ArchiveSource> sources = sourcesAcrossSeveralBlocks(tmp.resolve("app"));

    List<String> hashes = new ArrayList<>();
    for (int threads : new int[] {1, 2, 4, 1, 2}) {
      var result = write(tmp.resolve("a-" + hashes.size() + ".tar.gz"), sources, threads);
      hashes.add(result.sha256());
    }

    assertThat(hashes).containsOnly(hashes.get(0));
  }

  @Test
  void gnuTarListsAndExtractsEveryFileAndOurReaderAcceptsIt() throws Exception {
    Path app = tmp.resolve("app");
    SortedMap<String, ArchiveSource> sources = sourcesAcrossSeveralBlocks(app);
    var result = write(tmp.resolve("a.tar.gz"), sources, 2);

    assertThat(run("gzip", "-t", result.archive().toString())).isZero();
    Path gnu = Files.createDirectory(tmp.resolve("gnu"));
    assertThat(run("tar", "-xzf", result.archive().toString(), "-C", gnu.toString())).isZero();
    Path ours = Files.createDirectory(tmp.resolve("ours"));
    try (InputStream in = Files.newInputStream(result.archive())) {
      SafeArchiveReader.extract(in, ours, SafeArchiveReader.Progress.NONE);
    }
    for (String name : List.of("public/big.bin", ".next/static/chunks/app.js", ".next/server/page.js")) {
      assertThat(Files.readAllBytes(gnu.resolve(name))).as(name).isEqualTo(Files.readAllBytes(app.resolve(name)));
      assertThat(Files.readAllBytes(ours.resolve(name))).as(name).isEqualTo(Files.readAllBytes(app.resolve(name)));
    }
  }

  @Test
  void archiveIsReadableByOthersLikeItsSidecar() throws Exception {
    var result = write(tmp.resolve("a.tar.gz"), ArchiveFixtures.sources(tmp.resolve("app")), 2);

    org.junit.jupiter.api.Assumptions.assumeTrue(
        result.archive().getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(result.archive())))
        .isEqualTo("rw-r--r--");
  }

  /** The fixture's files plus a few MiB, so the body spans several 1 MiB blocks. */
  private static SortedMap<String, ArchiveSource> sourcesAcrossSeveralBlocks(Path app) throws Exception {
    SortedMap<String, ArchiveSource> sources = ArchiveFixtures.sources(app);
    Files.createDirectories(app.resolve("public"));
    Files.createDirectories(app.resolve(".next/server"));
    Files.write(app.resolve("public/big.bin"), ParallelGzipOutputStreamTest.mixed(3 * 1024 * 1024 + 17, 11));
    Files.write(app.resolve(".next/server/page.js"), ParallelGzipOutputStreamTest.text(2 * 1024 * 1024, 12));
    sources.put("public/big.bin", ArchiveSource.file(app.resolve("public/big.bin"), false));
    sources.put(".next/server/page.js", ArchiveSource.file(app.resolve(".next/server/page.js"), false));
    return sources;
  }

  private static ReproducibleArchiveWriter.Result write(Path target, SortedMap<String, ArchiveSource> sources, int threads)
      throws Exception {
    return new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME, threads)
        .write(target, sources, ArchiveFixtures.manifest(List.of()).header(), ReproducibleArchiveWriter.Progress.NONE);
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
