/**
 * Backward compatibility of the search store's persisted format: a schema-version-1 SQLite {@code search.db}
 * written by {@link dev.cs231n.searches.compat.SearchDbCompatGenerator} into
 * {@code src/test/resources/compat/<version>/} and opened, read, resumed and exported by today's code in
 * {@code SearchDbCompatTest}.
 */
package dev.cs231n.searches.compat;
