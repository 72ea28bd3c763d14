package dev.slipway.format;

/**
 * A set of 64-bit hashes of names: what the reader remembers of the manifest's paths instead of the
 * paths themselves (issue #7: about 16 bytes a name rather than about 150, so the installer's
 * memory stays flat as an archive grows).
 *
 * <p>A hash set can answer "contains" for a name it never saw when two names share a hash, never
 * the other way round. Callers rely on it only where a false "contains" does no harm: to refuse a
 * manifest (which a hash collision could refuse wrongly, with odds of about n²/2⁶⁵, 10⁻¹⁰ for 50k
 * names), or to choose which refusal to report; never to accept anything.
 *
 * <p>Open addressing with linear probing over a {@code long[]}; 0 marks an empty slot, so a hash of
 * 0 is stored as 1. Not thread-safe.
 */
final class NameHashes {
  private long[] slots = new long[64];
  private int size;

  /** Adds the hash of {@code name}; false when it was there already. */
  boolean add(CharSequence name) {
    return addHash(hash(name, 0, name.length()));
  }

  /** Adds the hash of {@code name.subSequence(0, end)} without making that substring. */
  boolean addPrefix(CharSequence name, int end) {
    return addHash(hash(name, 0, end));
  }

  boolean contains(CharSequence name) {
    return containsHash(hash(name, 0, name.length()));
  }

  boolean containsPrefix(CharSequence name, int end) {
    return containsHash(hash(name, 0, end));
  }

  int size() {
    return size;
  }

  boolean addHash(long hash) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
      if (slots[i] == hash) {
        return false;
      }
      if (slots[i] == 0) {
        slots[i] = hash;
        size++;
        return true;
      }
    }
  }

  boolean containsHash(long hash) {
    int mask = slots.length - 1;
    for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
      if (slots[i] == hash) {
        return true;
      }
      if (slots[i] == 0) {
        return false;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long hash : old) {
      if (hash != 0) {
        addHash(hash);
      }
    }
  }

  /**
   * FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finaliser so that the low bits
   * (the slot index) depend on every character. Not linear: "Aa" and "BB", which collide under
   * {@code 31 * h + c}, do not collide here.
   */
  static long hash(CharSequence name, int start, int end) {
    long h = SEED;
    for (int i = start; i < end; i++) {
      h = step(h, name.charAt(i));
    }
    return finish(h);
  }

  /**
   * In one pass over {@code name}: the hash of each folder prefix ({@code name} up to each '/'
   * after its first character, as {@link #hash} gives it) into {@code into[0..n)}, and the hash of
   * the whole name into {@code into[n]}; returns n. Hashing every prefix from the start again made
   * the file-list check the costliest part of a cold manifest parse (issue #7: 6 µs an entry).
   *
   * @param into room for one more than the number of '/' in {@code name}
   */
  static int prefixHashes(String name, long[] into) {
    int n = 0;
    long h = SEED;
    for (int i = 0, length = name.length(); i < length; i++) {
      char c = name.charAt(i);
      if (c == '/' && i > 0) {
        into[n++] = finish(h);
      }
      h = step(h, c);
    }
    into[n] = finish(h);
    return n;
  }

  private static final long SEED = 0xcbf29ce484222325L;

  private static long step(long h, char c) {
    return (h ^ c) * 0x100000001b3L;
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
