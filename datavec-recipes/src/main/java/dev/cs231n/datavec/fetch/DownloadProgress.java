package dev.cs231n.datavec.fetch;

/** Receives download progress: bytes on disk so far and the total, or -1 when the server gives none. */
@FunctionalInterface
public interface DownloadProgress {

    /** Reports nothing. */
    DownloadProgress NONE = (done, total) -> { };

    /**
     * @param bytesDone  bytes of the file on disk (including a resumed part)
     * @param bytesTotal the file's full size, or -1 if unknown
     */
    void update(long bytesDone, long bytesTotal);
}
