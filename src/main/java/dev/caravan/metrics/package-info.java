/** Prometheus metrics of the gateway's calls, routes and spend, every series prefixed {@code caravan_}. */
package dev.caravan.metrics;
