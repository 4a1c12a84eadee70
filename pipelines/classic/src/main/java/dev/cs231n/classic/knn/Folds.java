package dev.cs231n.classic.knn;

/**
 * Contiguous folds as numpy's {@code array_split(x, folds)}: {@code n} items into {@code folds} consecutive runs,
 * the first {@code n % folds} of them one item longer. Fold {@code f} is {@code [start(f), start(f + 1))}.
 */
public final class Folds {

    private final int n;
    private final int folds;

    /**
     * @param n     number of items
     * @param folds number of folds, {@code 1 .. n}
     */
    public Folds(int n, int folds) {
        if (folds < 1 || folds > n) {
            throw new IllegalArgumentException("folds must be in 1.." + n + ", got " + folds);
        }
        this.n = n;
        this.folds = folds;
    }

    /** @return the number of folds */
    public int count() {
        return folds;
    }

    /**
     * @param f a fold, {@code 0 .. count()}; {@code count()} gives n
     * @return its first item
     */
    public int start(int f) {
        if (f < 0 || f > folds) {
            throw new IndexOutOfBoundsException("fold " + f + " of " + folds);
        }
        int base = n / folds;
        int extra = n % folds;
        return f * base + Math.min(f, extra);
    }

    /**
     * @param f a fold
     * @return its end, exclusive
     */
    public int end(int f) {
        return start(f + 1);
    }
}
