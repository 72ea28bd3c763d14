package dev.slipway.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseIdTest {

  private static final Instant NOW = Instant.parse("2026-11-27T16:30:00.987Z");

  @Test
  void nextIsUtcSecondThenBuildId() {
    assertThat(ReleaseId.next(NOW, "aB3_x-y.z", Set.of()).value())
        .isEqualTo("20261127T163000Z-aB3_x-y.z");
  }

  @Test
  void nextAppendsNumberedSuffixesOnCollision() {
    Set<String> existing = new HashSet<>();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = ReleaseId.next(NOW, "b1", existing).value();
      existing.add(id);
      made.add(id);
    }
    assertThat(made)
        .containsExactly("20261127T163000Z-b1", "20261127T163000Z-b1-2", "20261127T163000Z-b1-3");
  }

  @Test
  void idsSortByAgeAsPlainStrings() {
    List<String> ids =
        new ArrayList<>(
            List.of(
                ReleaseId.next(Instant.parse("2027-01-01T00:00:00Z"), "c", Set.of()).value(),
                ReleaseId.next(Instant.parse("2026-11-27T16:30:01Z"), "a", Set.of()).value(),
                ReleaseId.next(Instant.parse("2026-02-03T04:05:06Z"), "zzz", Set.of()).value(),
                ReleaseId.next(Instant.parse("2026-11-27T16:30:00Z"), "zzz", Set.of()).value()));
    Collections.sort(ids);
    assertThat(ids)
        .containsExactly(
            "20260203T040506Z-zzz",
            "20261127T163000Z-zzz",
            "20261127T163001Z-a",
            "20270101T000000Z-c");
  }

  @Test
  void compareToOrdersTenthCollisionAfterSecond() {
    ReleaseId second = ReleaseId.parse("20261127T163000Z-b1-2");
    ReleaseId tenth = ReleaseId.parse("20261127T163000Z-b1-10");
    ReleaseId first = ReleaseId.parse("20261127T163000Z-b1");
    assertThat(tenth).isGreaterThan(second);
    assertThat(second).isGreaterThan(first);
    assertThat(first.isOlderThan(tenth)).isTrue();
  }

  @Test
  void timestampDominatesBuildIdInOrder() {
    assertThat(ReleaseId.parse("20261127T163000Z-zzz"))
        .isLessThan(ReleaseId.parse("20261127T163001Z-aaa"));
  }

  @Test
  void buildIdIsSanitizedToSafeFileNameCharacters() {
    assertThat(ReleaseId.next(NOW, "../../etc/pass wd", Set.of()).buildPart())
        .isEqualTo("etc-pass-wd");
    assertThat(ReleaseId.next(NOW, "a...b", Set.of()).buildPart()).isEqualTo("a.b");
    assertThat(ReleaseId.next(NOW, "ünï/cødé", Set.of()).buildPart()).isEqualTo("n-c-d");
    assertThat(ReleaseId.next(NOW, "trailing.", Set.of()).buildPart()).isEqualTo("trailing");
  }

  @Test
  void emptyOrNullBuildIdBecomesBuild() {
    assertThat(ReleaseId.next(NOW, null, Set.of()).buildPart()).isEqualTo("build");
    assertThat(ReleaseId.next(NOW, "///", Set.of()).buildPart()).isEqualTo("build");
  }

  @Test
  void longBuildIdIsTruncated() {
    String id = ReleaseId.next(NOW, "x".repeat(500), Set.of()).buildPart();
    assertThat(id).hasSize(ReleaseId.MAX_BUILD_PART);
  }

  @Test
  void createdAtComesFromTheName() {
    assertThat(ReleaseId.parse("20261127T163000Z-b1-2").createdAt())
        .isEqualTo(Instant.parse("2026-11-27T16:30:00Z"));
  }

  @Test
  void rejectsUnsafeOrForeignNames() {
    for (String bad :
        List.of(
            "",
            "old-backup",
            "20261127T163000Z-",
            "20261127T163000Z-a/b",
            "20261127T163000Z-a\\b",
            "20261127T163000Z-a..b",
            "20261127T163000Z-a.",
            "20261327T163000Z-a", // month 13
            "20261127T163000-a",
            "x20261127T163000Z-a")) {
      assertThat(ReleaseId.isValid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> ReleaseId.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a release id");
    }
  }

  @Test
  void acceptsWhatNextProduces() {
    assertThat(ReleaseId.isValid("20261127T163000Z-b1-2")).isTrue();
    assertThat(ReleaseId.isValid("20261127T163000Z-_x.Y-z")).isTrue();
  }
}
