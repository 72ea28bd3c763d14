import dev.slipway.format.ArchiveLayout;
import dev.slipway.format.ArchiveSource;
import dev.slipway.format.Manifest;
import dev.slipway.format.ReproducibleArchiveWriter;
import dev.slipway.format.ShippedDependencies;
import dev.slipway.format.Sidecar;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes a bundled archive (manifest format 3, issue #18) for the benchmarks when the packager has
 * no {@code --bundle-deps}: from a release tree that {@code installer unpack} wrote and {@code npm
 * ci --omit=dev} filled on this (the build) machine, every regular file but the manifest, with the
 * unpacked manifest's header plus {@code dependencies}. Symbolic links ({@code node_modules/.bin})
 * are left out, as an archive never holds links. {@code installer/src/cds/remake} uses it too, for
 * the class-data sharing training release, whose node_modules are stand-ins put in by hand.
 *
 * <pre>
 * java -cp installer/target/slipway-installer.jar bench/Bundle.java TREE OUT.tar.gz
 * </pre>
 */
public class Bundle {
  public static void main(String[] args) throws Exception {
    Path tree = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    Manifest.Header unpacked;
    try (InputStream in = Files.newInputStream(tree.resolve(ArchiveLayout.MANIFEST))) {
      unpacked = Manifest.Header.readSkippingFiles(in);
    }
    SortedMap<String, ArchiveSource> sources = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String name = tree.relativize(file).toString();
        if (!name.equals(ArchiveLayout.MANIFEST)) {
          sources.put(name, ArchiveSource.file(file, Files.isExecutable(file)));
        }
      }
    }
    List<String> addons = sources.keySet().stream().filter(n -> n.startsWith("node_modules/") && n.endsWith(".node")).toList();
    ShippedDependencies dependencies = new ShippedDependencies(ShippedDependencies.BUNDLED, libc(), addons);
    Manifest.Header header = new Manifest.Header(Manifest.formatVersionFor(dependencies, unpacked.links()), unpacked.app(),
        unpacked.buildId(), unpacked.buildTime(), unpacked.builtWith(), unpacked.enginesNode(), unpacked.start(),
        unpacked.lockfile(), dependencies, unpacked.links());
    ReproducibleArchiveWriter.Result written = new ReproducibleArchiveWriter(ReproducibleArchiveWriter.DEFAULT_ENTRY_TIME)
        .write(out, sources, header, ReproducibleArchiveWriter.Progress.NONE);
    Sidecar.write(out, written.sha256());
    System.out.println(out + ": " + written.fileCount() + " files, " + addons.size() + " native addons");
  }

  /** As the installer sees this host: musl when its loader is in /lib, else glibc (Linux only here). */
  private static String libc() throws Exception {
    try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
      return lib.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-")) ? "musl" : "glibc";
    }
  }
}
