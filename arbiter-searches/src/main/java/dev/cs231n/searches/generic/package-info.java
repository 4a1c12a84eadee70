/**
 * Arbiter's generic API for models that are not DL4J networks: {@link dev.cs231n.searches.generic.NamedValuesSpace}
 * (a map of named Arbiter spaces), searched by the same runner and store as the network spaces.
 */
package dev.cs231n.searches.generic;
