package dev.slipway.packager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.format.FailureKind;
import dev.slipway.format.Reporter;
import dev.slipway.format.SlipwayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the packager engine on a project in a test, keeping the warnings it printed. */
final class Packing {
  final List<String> warnings = new ArrayList<>();
  private final Path project;
  private final Path out;

  Packing(Path project, Path out) {
    this.project = project;
    this.out = out;
  }

  PackageRequest request() {
    return PackageRequest.defaults(project).withOutDir(out);
  }

  PackageResult pack(PackageRequest request) throws IOException {
    Reporter reporter = new Reporter() {
      @Override public void step(String description) {}
      @Override public void warn(String warning) { warnings.add(warning); }
    };
    return new Packager(reporter, new ByteArrayOutputStream()).pack(request);
  }

  PackageResult pack() throws IOException {
    return pack(request());
  }

  /** Asserts the refusal and that no archive was left behind; returns it for more assertions. */
  SlipwayException refused(PackageRequest request, FailureKind kind, String cause) {
    List<SlipwayException> thrown = new ArrayList<>();
    assertThatThrownBy(() -> pack(request))
        .isInstanceOfSatisfying(SlipwayException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.causeCode()).isEqualTo(cause);
          thrown.add(e);
        });
    assertThat(request.outDir()).satisfiesAnyOf(
        dir -> assertThat(dir).doesNotExist(),
        dir -> assertThat(dir).isEmptyDirectory());
    return thrown.get(0);
  }

  SlipwayException refused(FailureKind kind, String cause) {
    return refused(request(), kind, cause);
  }
}
