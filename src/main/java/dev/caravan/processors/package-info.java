/** The pipeline steps, one job each; they adapt the capability packages to the exchange and hold no logic of their own. */
package dev.caravan.processors;
