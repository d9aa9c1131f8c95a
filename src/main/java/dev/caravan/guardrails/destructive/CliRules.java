package dev.caravan.guardrails.destructive;

import static java.util.Map.entry;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Deleting apps, databases, repositories and backups through vendor CLIs and framework tasks ({@code heroku
 * apps:destroy}, {@code rails db:drop}, {@code gh repo delete}, {@code vssadmin delete shadows}): a destructive verb
 * among the first words after the command name, or a destructive flag ({@code userdel -r} deletes the home), as each
 * tool's documentation names it.
 */
final class CliRules {
    private static final Map<String, Double> DELETE = Map.of("delete", Hit.LIKELY, "destroy", Hit.LIKELY);

    /** Per command name, the destructive verbs and the score each earns. */
    private static final Map<String, Map<String, Double>> VERBS = Map.ofEntries(
            entry(
                    "heroku",
                    Map.of(
                            "apps:destroy",
                            Hit.STRONG,
                            "destroy",
                            Hit.STRONG,
                            "pg:reset",
                            Hit.STRONG,
                            "addons:destroy",
                            Hit.LIKELY)),
            entry("firebase", Map.of("firestore:delete", Hit.LIKELY, "database:remove", Hit.LIKELY)),
            entry("flyctl", Map.of("destroy", Hit.STRONG)),
            entry("netlify", Map.of("sites:delete", Hit.STRONG)),
            entry("vercel", Map.of("remove", Hit.PROBABLE, "rm", Hit.PROBABLE)),
            entry("rails", Map.of("db:drop", Hit.STRONG, "db:reset", Hit.STRONG, "db:purge", Hit.STRONG)),
            entry("rake", Map.of("db:drop", Hit.STRONG, "db:reset", Hit.STRONG, "db:purge", Hit.STRONG)),
            entry(
                    "artisan",
                    Map.of(
                            "migrate:fresh",
                            Hit.STRONG,
                            "migrate:reset",
                            Hit.STRONG,
                            "db:wipe",
                            Hit.STRONG,
                            "migrate:refresh",
                            Hit.LIKELY)),
            entry("prisma", Map.of("reset", Hit.STRONG)),
            entry("supabase", Map.of("reset", Hit.LIKELY)),
            entry("mysqladmin", Map.of("drop", Hit.STRONG)),
            entry("wrangler", DELETE),
            entry("doctl", DELETE),
            entry("hcloud", DELETE),
            entry("linode", DELETE),
            entry("openstack", DELETE),
            entry("eksctl", DELETE),
            entry("ibmcloud", DELETE),
            entry("oci", DELETE),
            entry("gh", DELETE),
            entry("glab", DELETE),
            entry("rclone", Map.of("purge", Hit.STRONG, "delete", Hit.LIKELY)),
            entry("s3cmd", Map.of("rb", Hit.LIKELY)),
            entry("npm", Map.of("unpublish", Hit.LIKELY)),
            entry("terragrunt", Map.of("destroy", Hit.STRONG)),
            entry("serverless", Map.of("remove", Hit.LIKELY)),
            entry("sls", Map.of("remove", Hit.LIKELY)),
            entry("sam", Map.of("delete", Hit.LIKELY)),
            entry("bq", Map.of("rm", Hit.LIKELY)),
            entry("etcdctl", Map.of("del", Hit.LIKELY)),
            entry("consul", Map.of("delete", Hit.LIKELY)),
            entry("vssadmin", Map.of("delete", Hit.STRONG)),
            entry("wmic", Map.of("delete", Hit.STRONG)),
            entry("wbadmin", Map.of("delete", Hit.STRONG)),
            entry("influx", DELETE),
            entry("userdel", Map.of()),
            entry("deluser", Map.of()));

    /** Verbs that delete one key unless this flag makes them delete a whole tree: {@code etcdctl del "" --prefix}. */
    private static final Map<String, String> TREE_FLAGS = Map.of("etcdctl", "--prefix", "consul", "-recurse");

    /** Flags that are destructive whatever the verb: {@code prisma db push --force-reset}. */
    private static final Map<String, String> FLAGS =
            Map.of("prisma", "--force-reset", "userdel", "-r", "deluser", "--remove-home");

    private static final Set<String> VALUE_FLAGS = Set.of(
            "-a", "--app", "--project", "--config", "--context", "--profile", "--region", "--org", "--cwd", "--env");

    private static final String[] VERB_HINTS = {
        "destroy",
        "del",
        "drop",
        "reset",
        "purge",
        "remove",
        "rm",
        "rb",
        "wipe",
        "fresh",
        "refresh",
        "unpublish",
        "--force-reset"
    };

    private CliRules() {}

    /** The command names this rule reads, for the trigger table. */
    static String[] names() {
        return VERBS.keySet().stream().sorted().toArray(String[]::new);
    }

    static Hit cli(Spot s) {
        if (!s.commandPosition()) {
            return null;
        }
        String text = s.text();
        String name = text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        Map<String, Double> verbs = VERBS.get(name);
        if (verbs == null) {
            return null;
        }
        int end = ShellSpan.commandEnd(text, s.end(), s.close(), false);
        if (verbs.isEmpty() ? !s.anyIn(s.end(), end, "-") : !s.anyIn(s.end(), end, VERB_HINTS)) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(text, s.end(), end);
        double score = 0;
        for (Token w : ShellTokens.words(tokens, 3, VALUE_FLAGS)) {
            Double v = verbs.get(w.value().toLowerCase(Locale.ROOT));
            if (v != null) {
                score = v;
                break;
            }
        }
        String tree = TREE_FLAGS.get(name);
        if (tree != null && !ShellTokens.any(tokens, tree)) {
            score = 0;
        }
        String flag = FLAGS.get(name);
        if (score == 0 && flag != null && ShellTokens.any(tokens, flag)) {
            score = Hit.STRONG;
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), score) : null;
    }
}
