package com.atrium.access;

import java.util.concurrent.locks.StampedLock;
import java.util.function.LongPredicate;

/**
 * A flat, concurrent hash table from a primitive {@code long} key to a value, for the check cache: open addressing
 * (linear probing, backward-shift deletion, no tombstones) in {@link #SEGMENTS} segments, each guarded by a
 * {@link StampedLock}. A hit is an optimistic read — no lock taken, no boxing, no allocation — validated afterwards
 * (and retried under the read lock if a writer got in between). Writes take the segment's write lock, so
 * {@link #compute}-style conditional puts are atomic with the removals of the same key.
 */
final class LongTable<V> {
    static final int SEGMENTS = 64;
    private static final long EMPTY = Long.MIN_VALUE; // no key is ever Long.MIN_VALUE (ids are positive)

    private final Segment<V>[] segments;

    @SuppressWarnings("unchecked")
    LongTable() {
        segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<>();
        }
    }

    static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private Segment<V> segment(long h) {
        return segments[(int) (h >>> 58) & (SEGMENTS - 1)];
    }

    V get(long key) {
        long h = mix(key);
        return segment(h).get(key, h);
    }

    /** Puts the value unless {@code allowed} says no (checked under the key's lock); true when the key was new. */
    boolean putIf(long key, V value, java.util.function.BooleanSupplier allowed) {
        long h = mix(key);
        return segment(h).put(key, h, value, allowed);
    }

    /** Removes the key; true when it was there. */
    boolean remove(long key) {
        long h = mix(key);
        return segment(h).remove(key, h);
    }

    /** Removes every key the predicate accepts; returns how many. */
    int removeIf(LongPredicate which) {
        int n = 0;
        for (Segment<V> s : segments) {
            n += s.removeIf(which);
        }
        return n;
    }

    void clear() {
        for (Segment<V> s : segments) {
            s.clear();
        }
    }

    /** How many keys the table holds (each segment's count, as {@link LongMaskTable#size} reads it). */
    int size() {
        int n = 0;
        for (Segment<V> s : segments) {
            n += s.size;
        }
        return n;
    }

    private static final class Segment<V> {
        private final StampedLock lock = new StampedLock();
        private long[] keys = newKeys(16);
        private Object[] values = new Object[16];
        private int size;

        private static long[] newKeys(int n) {
            long[] k = new long[n];
            java.util.Arrays.fill(k, EMPTY);
            return k;
        }

        V get(long key, long h) {
            long stamp = lock.tryOptimisticRead();
            V v = find(key, h);
            if (lock.validate(stamp)) {
                return v;
            }
            stamp = lock.readLock();
            try {
                return find(key, h);
            } finally {
                lock.unlockRead(stamp);
            }
        }

        @SuppressWarnings("unchecked")
        private V find(long key, long h) {
            long[] k = keys;
            Object[] v = values;
            int n = k.length;
            if (v.length != n) {
                return null; // a resize is under way: the validation fails and the read is retried under the lock
            }
            int mask = n - 1;
            int i = (int) h & mask;
            for (int probes = 0; probes < n; probes++) {
                long at = k[i];
                if (at == key) {
                    return (V) v[i];
                }
                if (at == EMPTY) {
                    return null;
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        boolean put(long key, long h, V value, java.util.function.BooleanSupplier allowed) {
            long stamp = lock.writeLock();
            try {
                if (!allowed.getAsBoolean()) {
                    return false;
                }
                if ((size + 1) * 4 > keys.length * 3) {
                    resize(keys.length * 2);
                }
                int mask = keys.length - 1;
                int i = (int) h & mask;
                while (true) {
                    if (keys[i] == key) {
                        values[i] = value;
                        return false;
                    }
                    if (keys[i] == EMPTY) {
                        values[i] = value;
                        keys[i] = key;
                        size++;
                        return true;
                    }
                    i = (i + 1) & mask;
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        boolean remove(long key, long h) {
            long stamp = lock.writeLock();
            try {
                int mask = keys.length - 1;
                int i = (int) h & mask;
                while (keys[i] != EMPTY) {
                    if (keys[i] == key) {
                        deleteAt(i);
                        return true;
                    }
                    i = (i + 1) & mask;
                }
                return false;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        int removeIf(LongPredicate which) {
            long stamp = lock.writeLock();
            try {
                int removed = 0;
                int i = 0;
                while (i < keys.length) {
                    if (keys[i] != EMPTY && which.test(keys[i])) {
                        deleteAt(i); // shifts a later entry into i: look at i again
                        removed++;
                    } else {
                        i++;
                    }
                }
                return removed;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        void clear() {
            long stamp = lock.writeLock();
            try {
                keys = newKeys(16);
                values = new Object[16];
                size = 0;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        /** Backward-shift deletion: later entries of the same probe run move up, so no tombstones are needed. */
        private void deleteAt(int hole) {
            int mask = keys.length - 1;
            int i = hole;
            while (true) {
                i = (i + 1) & mask;
                long k = keys[i];
                if (k == EMPTY) {
                    break;
                }
                int home = (int) mix(k) & mask;
                // move k into the hole if its home is not in (hole, i] (cyclically)
                boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
                if (!between) {
                    keys[hole] = k;
                    values[hole] = values[i];
                    hole = i;
                }
            }
            keys[hole] = EMPTY;
            values[hole] = null;
            size--;
        }

        private void resize(int capacity) {
            long[] oldKeys = keys;
            Object[] oldValues = values;
            long[] k = newKeys(capacity);
            Object[] v = new Object[capacity];
            int mask = capacity - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = (int) mix(oldKeys[j]) & mask;
                    while (k[i] != EMPTY) {
                        i = (i + 1) & mask;
                    }
                    k[i] = oldKeys[j];
                    v[i] = oldValues[j];
                }
            }
            values = v; // readers compare the lengths: a mismatch retries under the lock
            keys = k;
        }
    }
}
