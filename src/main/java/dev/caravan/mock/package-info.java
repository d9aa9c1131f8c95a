/**
 * An in-process OpenAI-compatible upstream with failure knobs, for tests, the demo and benchmarks;
 * it depends on nothing but the JDK and Jackson.
 */
package dev.caravan.mock;
