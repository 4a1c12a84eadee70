package dev.cs231n.searches.store;

/**
 * The worker no longer holds the lease on its candidate: the lease expired and another worker claimed the candidate
 * (or it was finished by someone else). The worker must drop the candidate without recording anything; the new
 * holder's result is the one that counts, so nothing run twice is recorded twice.
 */
public class LeaseLostException extends SearchStoreException {

    private static final long serialVersionUID = 1L;

    private final int candidateIndex;

    /**
     * @param candidateIndex the candidate whose lease was lost
     * @param message        who holds it now, naming the storage URL
     */
    public LeaseLostException(int candidateIndex, String message) {
        super(message);
        this.candidateIndex = candidateIndex;
    }

    /** @return the candidate whose lease was lost */
    public int candidateIndex() {
        return candidateIndex;
    }
}
