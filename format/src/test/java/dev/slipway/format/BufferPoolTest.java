package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void givesArraysOfTheNextPowerOfTwoFromFourKibibytes() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024);

    assertThat(pool.take(0)).hasSize(4096);
    assertThat(pool.take(4096)).hasSize(4096);
    assertThat(pool.take(4097)).hasSize(8192);
    assertThat(pool.take(256 * 1024)).hasSize(256 * 1024);
    assertThatThrownBy(() -> pool.take(256 * 1024 + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anArrayHandedBackIsTheNextOneTakenOfItsLength() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024);
    byte[] first = pool.take(10_000);
    pool.give(first);

    assertThat(pool.take(9_000)).isSameAs(first);
    assertThat(pool.take(9_000)).isNotSameAs(first);
  }

  @Test
  void makesAtMostHalfAMebibyteOfALengthAndWaitsForOneToComeBack() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024);
    List<byte[]> out = new ArrayList<>();
    out.add(pool.take(200 * 1024));
    out.add(pool.take(200 * 1024)); // two of 256 KiB: all there will ever be

    AtomicReference<byte[]> third = new AtomicReference<>();
    Thread taker = new Thread(() -> {
      try {
        third.set(pool.take(200 * 1024));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    taker.start();
    // It must block (parked in the queue), not end with a third array.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (taker.getState() != Thread.State.WAITING) {
      assertThat(taker.getState()).as("a third take while both are out").isNotEqualTo(Thread.State.TERMINATED);
      assertThat(System.nanoTime() - deadline).as("the third take never waited").isNegative();
      Thread.onSpinWait();
    }
    pool.give(out.get(1));
    taker.join(10_000);

    assertThat(third.get()).isSameAs(out.get(1));
  }

  @Test
  void anArrayItDidNotGiveIsIgnored() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024);
    pool.give(new byte[5000]);
    pool.give(new byte[1024 * 1024]);

    assertThat(pool.take(5000)).hasSize(8192);
  }
}
