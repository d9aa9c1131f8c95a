/**
 * Destructive operations (shell, disks, cloud and cluster CLIs, IaC, git, SQL and NoSQL) and SQL injection, with a
 * shell-context pass that tells a command from a mention. Plain Java; knows nothing of Camel, HTTP or the policy.
 */
package dev.caravan.guardrails.destructive;
