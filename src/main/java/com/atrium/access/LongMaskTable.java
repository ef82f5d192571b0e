package com.atrium.access;

import java.util.concurrent.locks.StampedLock;
import java.util.function.LongPredicate;

/**
 * The check cache's hit path: a flat, concurrent hash table from a primitive {@code long} key (user and client packed,
 * see {@link AccessCache#key}) to an {@code int} permission bitmask, key and mask side by side in ONE {@code long[]}
 * (so a hit reads one cache line: no entry object, no boxing, no allocation). Open addressing with linear probing and
 * backward-shift deletion, in {@link #SEGMENTS} segments each guarded by a {@link StampedLock}: a read is optimistic
 * (validated afterwards, retried under the read lock if a writer got in between); writes take the segment's write lock,
 * so a conditional put ({@link #putIf}) is atomic with the removals of the same key.
 */
final class LongMaskTable {
    static final int SEGMENTS = 64;
    /** {@link #get} of a key that is not there. */
    static final int ABSENT = -1;
    private static final long EMPTY = Long.MIN_VALUE; // no key is ever Long.MIN_VALUE (ids are positive)

    private final Segment[] segments = new Segment[SEGMENTS];

    LongMaskTable() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    private Segment segment(long h) {
        return segments[(int) (h >>> 58) & (SEGMENTS - 1)];
    }

    /** The mask, or {@link #ABSENT}. */
    int get(long key) {
        long h = LongTable.mix(key);
        return segment(h).get(key, h);
    }

    /** Puts the mask (0 or more, never {@link #ABSENT}) unless {@code allowed} says no, checked under the key's lock. */
    void putIf(long key, int mask, java.util.function.BooleanSupplier allowed) {
        long h = LongTable.mix(key);
        segment(h).put(key, h, mask, allowed);
    }

    void remove(long key) {
        long h = LongTable.mix(key);
        segment(h).remove(key, h);
    }

    void removeIf(LongPredicate which) {
        for (Segment s : segments) {
            s.removeIf(which);
        }
    }

    void clear() {
        for (Segment s : segments) {
            s.clear();
        }
    }

    int size() {
        int n = 0;
        for (Segment s : segments) {
            n += s.size;
        }
        return n;
    }

    private static final class Segment {
        private final StampedLock lock = new StampedLock();
        /** slot i: key at 2i, mask at 2i + 1 */
        private long[] slots = newSlots(16);
        private int size;

        private static long[] newSlots(int n) {
            long[] s = new long[2 * n];
            for (int i = 0; i < s.length; i += 2) {
                s[i] = EMPTY;
            }
            return s;
        }

        int get(long key, long h) {
            long stamp = lock.tryOptimisticRead();
            int v = find(slots, key, h);
            if (lock.validate(stamp)) {
                return v;
            }
            stamp = lock.readLock();
            try {
                return find(slots, key, h);
            } finally {
                lock.unlockRead(stamp);
            }
        }

        private static int find(long[] s, long key, long h) {
            int n = s.length >>> 1;
            int mask = n - 1;
            int i = (int) h & mask;
            for (int probes = 0; probes < n; probes++) {
                long at = s[2 * i];
                if (at == key) {
                    return (int) s[2 * i + 1];
                }
                if (at == EMPTY) {
                    return ABSENT;
                }
                i = (i + 1) & mask;
            }
            return ABSENT;
        }

        void put(long key, long h, int value, java.util.function.BooleanSupplier allowed) {
            long stamp = lock.writeLock();
            try {
                if (!allowed.getAsBoolean()) {
                    return;
                }
                if ((size + 1) * 4 > (slots.length >>> 1) * 3) {
                    resize(slots.length); // twice the slots
                }
                int mask = (slots.length >>> 1) - 1;
                int i = (int) h & mask;
                while (true) {
                    long at = slots[2 * i];
                    if (at == key) {
                        slots[2 * i + 1] = value;
                        return;
                    }
                    if (at == EMPTY) {
                        slots[2 * i + 1] = value;
                        slots[2 * i] = key;
                        size++;
                        return;
                    }
                    i = (i + 1) & mask;
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        void remove(long key, long h) {
            long stamp = lock.writeLock();
            try {
                int mask = (slots.length >>> 1) - 1;
                int i = (int) h & mask;
                while (slots[2 * i] != EMPTY) {
                    if (slots[2 * i] == key) {
                        deleteAt(i);
                        return;
                    }
                    i = (i + 1) & mask;
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        void removeIf(LongPredicate which) {
            long stamp = lock.writeLock();
            try {
                int n = slots.length >>> 1;
                int i = 0;
                while (i < n) {
                    long k = slots[2 * i];
                    if (k != EMPTY && which.test(k)) {
                        deleteAt(i); // shifts a later entry into i: look at i again
                    } else {
                        i++;
                    }
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        void clear() {
            long stamp = lock.writeLock();
            try {
                slots = newSlots(16);
                size = 0;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        /** Backward-shift deletion: later entries of the same probe run move up, so no tombstones are needed. */
        private void deleteAt(int hole) {
            int mask = (slots.length >>> 1) - 1;
            int i = hole;
            while (true) {
                i = (i + 1) & mask;
                long k = slots[2 * i];
                if (k == EMPTY) {
                    break;
                }
                int home = (int) LongTable.mix(k) & mask;
                boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
                if (!between) {
                    slots[2 * hole] = k;
                    slots[2 * hole + 1] = slots[2 * i + 1];
                    hole = i;
                }
            }
            slots[2 * hole] = EMPTY;
            slots[2 * hole + 1] = 0;
            size--;
        }

        private void resize(int capacity) {
            long[] old = slots;
            long[] s = newSlots(capacity);
            int mask = capacity - 1;
            for (int j = 0; j < old.length; j += 2) {
                if (old[j] != EMPTY) {
                    int i = (int) LongTable.mix(old[j]) & mask;
                    while (s[2 * i] != EMPTY) {
                        i = (i + 1) & mask;
                    }
                    s[2 * i] = old[j];
                    s[2 * i + 1] = old[j + 1];
                }
            }
            slots = s; // one array: a reader sees the old or the new one whole (and its validation fails anyway)
        }
    }
}
