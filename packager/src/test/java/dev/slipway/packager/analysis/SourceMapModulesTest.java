package dev.slipway.packager.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.packager.analysis.SourceMapModules.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceMapModulesTest {
  @TempDir Path dir;

  private SourceMapModules map(String json) throws IOException {
    return SourceMapModules.read(Files.writeString(dir.resolve("chunk.js.map"), json));
  }

  @Test
  void aPositionBelongsToTheModuleWhoseSegmentStartsAtOrBeforeIt() throws IOException {
    SourceMapModules map = map(SourceMaps.oneLine(List.of(
        new SourceMaps.Module(0, "../../../app/api/info/route.js"),
        new SourceMaps.Module(40, "../../../node_modules/debug/src/node.js"),
        new SourceMaps.Module(90, "../../../lib/config.js"))));

    assertThat(map.originAt(0, 0)).isEqualTo(Origin.APP);
    assertThat(map.originAt(0, 39)).isEqualTo(Origin.APP);
    assertThat(map.originAt(0, 40)).isEqualTo(Origin.DEPENDENCY);
    assertThat(map.originAt(0, 89)).isEqualTo(Origin.DEPENDENCY);
    assertThat(map.originAt(0, 5000)).isEqualTo(Origin.APP);
    assertThat(map.originAt(1, 0)).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void sourceIndexesCarryAcrossLinesAndColumnsRestartOnEachLine() throws IOException {
    // line 0: col 0 -> source 0; line 1: col 4 -> source 1 (+1), col 10 -> source 0 (-1)
    String mappings = "AAAA;" + SourceMaps.vlq(4) + "CAAA," + SourceMaps.vlq(6) + "DAAA";
    SourceMapModules map = map("{\"sources\":[\"node_modules/x/i.js\",\"app/page.js\"],\"mappings\":\"" + mappings + "\"}");

    assertThat(map.originAt(0, 3)).isEqualTo(Origin.DEPENDENCY);
    assertThat(map.originAt(1, 2)).isEqualTo(Origin.UNKNOWN);
    assertThat(map.originAt(1, 4)).isEqualTo(Origin.APP);
    assertThat(map.originAt(1, 12)).isEqualTo(Origin.DEPENDENCY);
  }

  @Test
  void anIndexMapIsReadSectionBySection() throws IOException {
    String app = SourceMaps.oneLine(List.of(new SourceMaps.Module(0, "[project]/app/page.js")));
    String next = SourceMaps.oneLine(List.of(new SourceMaps.Module(0, "[project]/node_modules/next/dist/a.js")));
    SourceMapModules map = map("{\"version\":3,\"sections\":[{\"offset\":{\"line\":0,\"column\":0},\"map\":" + app
        + "},{\"offset\":{\"line\":2,\"column\":5},\"map\":" + next + "}]}");

    assertThat(map.originAt(1, 0)).isEqualTo(Origin.UNKNOWN); // the app section holds line 0 only
    assertThat(map.originAt(0, 7)).isEqualTo(Origin.APP);
    assertThat(map.originAt(2, 4)).isEqualTo(Origin.UNKNOWN);
    assertThat(map.originAt(2, 5)).isEqualTo(Origin.DEPENDENCY);
  }

  @Test
  void theBundlersOwnRuntimeAndExternalsAreNotTheApp() {
    assertThat(SourceMapModules.isDependency("turbopack:///[turbopack]/shared/runtime-utils.ts")).isTrue();
    assertThat(SourceMapModules.isDependency("[externals]/tty")).isTrue();
    assertThat(SourceMapModules.isDependency("webpack://shop/./node_modules/ms/index.js")).isTrue();
    assertThat(SourceMapModules.isDependency("webpack://shop/./src/node_helpers.js")).isFalse();
  }

  @Test
  void whatIsNotASourceMapIsRefused() {
    assertThatThrownBy(() -> map("[1,2]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> map("{\"mappings\":\"A!A\"}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> map("{\"mappings\":")).isInstanceOf(IOException.class);
  }

  @Test
  void columnsAreCountedInUtf16UnitsAsSourceMapsCountThem() throws IOException {
    // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units (a surrogate pair).
    Path file = Files.writeString(dir.resolve("c.js"), "a\né😀x\nyz");
    long[] offsets = {0, 2, 8, 10};

    int[][] positions = Utf16Positions.of(file, offsets);

    assertThat(positions).isDeepEqualTo(new int[][] {{0, 0}, {1, 0}, {1, 3}, {2, 0}});
  }
}
