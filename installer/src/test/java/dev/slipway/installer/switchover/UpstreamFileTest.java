package dev.slipway.installer.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #21: the upstream include names the live slot, is replaced whole, and is read back. */
class UpstreamFileTest {
  @TempDir Path tmp;

  @Test
  void namesTheSlotItWasWrittenWithAndLeavesNoTemporaryFileBehind() throws Exception {
    Path file = tmp.resolve("nginx/shop.conf");
    assertThat(UpstreamFile.livePort(file)).isEmpty();

    UpstreamFile.write(file, "slipway_shop", 3002);

    assertThat(Files.readString(file)).contains("upstream slipway_shop {\n    server 127.0.0.1:3002;\n");
    assertThat(UpstreamFile.livePort(file)).isEqualTo(OptionalInt.of(3002));
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shop.conf");
    }
  }

  @Test
  void restorePutsBackWhatWasThereOrRemovesWhatWasNot() throws Exception {
    Path file = tmp.resolve("shop.conf");
    UpstreamFile.write(file, "slipway_shop", 3001);
    Optional<String> before = UpstreamFile.read(file);
    UpstreamFile.write(file, "slipway_shop", 3002);

    UpstreamFile.restore(file, before);
    assertThat(UpstreamFile.livePort(file)).isEqualTo(OptionalInt.of(3001));

    UpstreamFile.restore(file, Optional.empty());
    assertThat(file).doesNotExist();
  }
}
