/** Where a call goes: named upstreams, client-chosen URLs behind the SSRF guard, stored credentials; no Camel. */
package dev.caravan.routing;
