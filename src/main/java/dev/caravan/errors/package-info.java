/** The gateway's own errors and their bodies in each ingress API's shape; plain Java, no Camel. */
package dev.caravan.errors;
