package dev.cs231n.datavec.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShufflesTest {

    @Test
    void permutationIsDeterministicAndComplete() {
        int[] a = Shuffles.permutation(1000, 7);
        assertArrayEquals(a, Shuffles.permutation(1000, 7));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(a, Shuffles.permutation(1000, 8)));
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(a, identity));
        assertEquals(0, Shuffles.permutation(0, 1).length);
    }

    @Test
    void knownValuesStayFixedAcrossReleases() {
        // java.util.Random's algorithm is specified by the JDK, so these never change.
        assertArrayEquals(new int[] {2, 3, 1, 4, 0}, Shuffles.permutation(5, 1));
    }

    @Test
    void epochSeedsDifferPerEpochAndSeed() {
        assertNotEquals(Shuffles.epochSeed(1, 0), Shuffles.epochSeed(1, 1));
        assertNotEquals(Shuffles.epochSeed(1, 0), Shuffles.epochSeed(2, 0));
        assertEquals(Shuffles.epochSeed(5, 3), Shuffles.epochSeed(5, 3));
    }
}
