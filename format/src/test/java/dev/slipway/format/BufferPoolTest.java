package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void givesArraysOfTheNextPowerOfTwoFromFourKibibytes() {
    BufferPool pool = new BufferPool(256 * 1024);

    assertThat(pool.take(0)).hasSize(4096);
    assertThat(pool.take(4096)).hasSize(4096);
    assertThat(pool.take(4097)).hasSize(8192);
    assertThat(pool.take(256 * 1024)).hasSize(256 * 1024);
    assertThatThrownBy(() -> pool.take(256 * 1024 + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anArrayHandedBackIsTheNextOneTakenOfItsLength() {
    BufferPool pool = new BufferPool(256 * 1024);
    byte[] first = pool.take(10_000);
    pool.give(first);

    assertThat(pool.take(9_000)).isSameAs(first);
    assertThat(pool.take(9_000)).isNotSameAs(first);
  }

  @Test
  void keepsAtMostHalfAMebibyteOfEachLength() {
    BufferPool pool = new BufferPool(256 * 1024);
    List<byte[]> taken = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      taken.add(pool.take(200 * 1024));
    }
    taken.forEach(pool::give);

    // Two of 256 KiB are kept; the third taken is new.
    assertThat(pool.take(200 * 1024)).isSameAs(taken.get(0));
    assertThat(pool.take(200 * 1024)).isSameAs(taken.get(1));
    byte[] third = pool.take(200 * 1024);
    assertThat(taken).noneMatch(kept -> kept == third); // by identity: equal zeros are no proof
  }

  @Test
  void anArrayItDidNotGiveIsNotKept() {
    BufferPool pool = new BufferPool(256 * 1024);
    pool.give(new byte[5000]);
    pool.give(new byte[1024 * 1024]);

    assertThat(pool.take(5000)).hasSize(8192);
  }
}
