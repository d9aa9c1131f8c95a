/** The offline demo: the gateway and the mock upstream on free ports, with calls shown going through. */
package dev.caravan.demo;
