/** The command line subcommands beyond serving: verify and keygen. */
package dev.caravan.cli;
