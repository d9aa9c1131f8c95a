/** The command line subcommands beyond serving: verify, keygen and keys. */
package dev.caravan.cli;
