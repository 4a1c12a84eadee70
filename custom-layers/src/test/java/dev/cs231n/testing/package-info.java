/**
 * The test harness shared by every module (published in custom-layers' test-jar): golden-value fixtures from
 * PyTorch ({@link dev.cs231n.testing.Fixture}), gradient checks in DOUBLE ({@link dev.cs231n.testing.GradCheck}),
 * save/load round trips ({@link dev.cs231n.testing.RoundTrip}), array assertions
 * ({@link dev.cs231n.testing.NdAssert}) and arrays as small JSON files for stored inputs and golden outputs
 * ({@link dev.cs231n.testing.ArrayJson}).
 */
package dev.cs231n.testing;
