/** The Camel routes, their error handling, and the constants (endpoints, variables) they share. */
package dev.caravan.routes;
