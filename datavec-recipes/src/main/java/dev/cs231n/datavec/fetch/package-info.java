/**
 * Dataset acquisition shared by the readers: the data-directory convention
 * ({@link dev.cs231n.datavec.fetch.DataDirs}: {@code --data-dir}, else {@code CS231N_DATA}, else
 * {@code ~/.cache/cs231n-datasets}), resumable HTTP downloads
 * ({@link dev.cs231n.datavec.fetch.ResumableDownload}), checksums, and {@code .tar.gz} extraction with
 * every entry checked against path traversal ({@link dev.cs231n.datavec.fetch.SafeTarGz}).
 */
package dev.cs231n.datavec.fetch;
