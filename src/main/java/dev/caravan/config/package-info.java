/** Settings from application.properties, the command line and the YAML file, validated before anything listens. */
package dev.caravan.config;
