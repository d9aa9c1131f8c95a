/** Transport: the pooled upstream client, the streaming relay and response, the request size limit; no routing decisions. */
package dev.caravan.http;
