package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Deleting infrastructure: Kubernetes and Helm, AWS/GCP/Azure, Terraform/Pulumi/CDK destroy, Docker prune and removal. */
final class PlatformRules {
    private static final Set<String> VALUE_FLAGS = Set.of(
            "-n",
            "--namespace",
            "--context",
            "--kubeconfig",
            "--cluster",
            "--user",
            "-s",
            "--server",
            "-l",
            "--selector",
            "-o",
            "--output",
            "--profile",
            "--region",
            "--endpoint-url",
            "--project",
            "--zone",
            "--account",
            "--configuration",
            "--format",
            "-g",
            "--resource-group",
            "--subscription",
            "-c",
            "-h",
            "--host",
            "--timeout",
            "--grace-period",
            "-f",
            "--filename",
            "-k",
            "--kustomize");
    private static final Set<String> IAC_VALUE_FLAGS = Set.of("--stack", "-s", "--cwd", "-C");
    private static final Set<String> DOCKER_VALUE_FLAGS = Set.of("-H", "--host", "--context", "-f", "--file", "-p");
    private static final Set<String> HELM_VERBS = Set.of("uninstall", "delete", "del", "un");
    private static final Set<String> KUBE_ROUTINE = Set.of("pod", "pods", "po", "job", "jobs", "event", "events", "ev");

    private PlatformRules() {}

    static Hit kubectl(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "delete")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        List<Token> words = ShellTokens.words(tokens, 3, VALUE_FLAGS);
        if (!words.isEmpty() && words.get(0).is("drain")) {
            return forcedDrain(s, tokens, end);
        }
        if (words.isEmpty() || !words.get(0).is("delete")) {
            return null;
        }
        boolean everything = ShellTokens.any(tokens, "--all", "-A", "--all-namespaces");
        boolean manifest = ShellTokens.any(tokens, "-f", "--filename", "-k", "--kustomize");
        String kind = words.size() > 1 ? words.get(1).value().toLowerCase(Locale.ROOT) : "";
        int slash = kind.indexOf('/');
        if (slash > 0) {
            kind = kind.substring(0, slash);
        }
        double score;
        if (KUBE_ROUTINE.contains(kind)) {
            score = everything ? Hit.PROBABLE : 0;
        } else if (kind.isEmpty()) {
            score = manifest ? Hit.PROBABLE : 0;
        } else {
            score = everything ? Hit.STRONG : Hit.LIKELY;
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score) : null;
    }

    /**
     * {@code kubectl drain --force --delete-emptydir-data}: pods no controller recreates are deleted for good, and so is
     * every emptyDir volume on the node. A plain drain only reschedules.
     */
    private static Hit forcedDrain(Spot s, List<Token> tokens, int end) {
        boolean wipes = ShellTokens.any(tokens, "--delete-emptydir-data", "--delete-local-data");
        return wipes && ShellTokens.any(tokens, "--force")
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.PROBABLE)
                : null;
    }

    /** {@code helm uninstall <release>}: without a release name nothing is uninstalled, so it is only a mention. */
    static Hit helm(Spot s) {
        return verb(s, HELM_VERBS, Hit.LIKELY);
    }

    static Hit aws(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "rb", "rm", "delete-", "terminate-", "purge-", "sync", "schedule-key-deletion")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        List<Token> words = ShellTokens.words(tokens, 2, VALUE_FLAGS);
        if (words.size() < 2) {
            return null;
        }
        String service = words.get(0).value().toLowerCase(Locale.ROOT);
        String operation = words.get(1).value().toLowerCase(Locale.ROOT);
        double score = 0;
        if (service.equals("s3") && operation.equals("rb")) {
            score = ShellTokens.any(tokens, "--force") ? Hit.STRONG : Hit.PROBABLE;
        } else if (service.equals("s3") && operation.equals("rm")) {
            score = ShellTokens.any(tokens, "--recursive") ? Hit.STRONG : 0;
        } else if (service.equals("s3") && operation.equals("sync")) {
            score = ShellTokens.any(tokens, "--delete") ? Hit.PLAUSIBLE : 0;
        } else if ((operation.startsWith("delete-")
                        || operation.startsWith("terminate-")
                        || operation.startsWith("purge-")
                        || operation.equals("schedule-key-deletion"))
                && !operation.equals("delete-tags")) {
            score = Hit.LIKELY;
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score) : null;
    }

    /** gcloud and az name the verb after a resource path ({@code gcloud sql instances delete}); gsutil has rm and rb. */
    static Hit gcloud(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        String name = s.text().substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "delete", "purge", "rm", "rb")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        List<Token> words = ShellTokens.words(tokens, 5, VALUE_FLAGS);
        double score = 0;
        if (name.equals("gsutil")) {
            boolean recursive = ShellTokens.anyShortFlag(tokens, 'r')
                    || ShellTokens.anyShortFlag(tokens, 'R')
                    || ShellTokens.anyShortFlag(tokens, 'a');
            score = !words.isEmpty() && (words.get(0).is("rb") || words.get(0).is("rm") && recursive) ? Hit.LIKELY : 0;
        } else {
            for (int k = 0; k < words.size(); k++) {
                Token w = words.get(k);
                boolean recursiveRemoval = w.is("rm") && ShellTokens.any(tokens, "--recursive", "-r");
                boolean deletes =
                        w.is("delete") || w.value().toLowerCase(Locale.ROOT).startsWith("delete-");
                if (k > 0 && (deletes || w.is("purge") || recursiveRemoval)) {
                    score = Hit.LIKELY;
                    break;
                }
            }
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score) : null;
    }

    static Hit infrastructure(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        String name = s.text().substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "destroy", "down", "rm", "delete")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        List<Token> words = ShellTokens.words(tokens, 2, IAC_VALUE_FLAGS);
        if (words.isEmpty()) {
            return null;
        }
        Token verb = words.get(0);
        Token object = words.size() > 1 ? words.get(1) : null;
        double score = 0;
        if (verb.is("destroy")) {
            score = Hit.STRONG;
        } else if (verb.is("apply") && ShellTokens.any(tokens, "-destroy", "--destroy")) {
            score = Hit.STRONG;
        } else if (name.equals("pulumi") && verb.is("down")) {
            score = Hit.STRONG;
        } else if (name.equals("pulumi") && verb.is("stack") && object != null && object.is("rm")) {
            score = Hit.PROBABLE;
        } else if (verb.is("workspace") && object != null && object.is("delete")) {
            score = Hit.PLAUSIBLE;
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score) : null;
    }

    static Hit docker(Spot s) {
        if (!s.unixCommand() && !s.text().startsWith("-compose", s.end())) {
            return null;
        }
        String text = s.text();
        boolean compose = text.startsWith("-compose", s.end());
        int argsFrom = compose ? s.end() + 8 : s.end();
        int end = ShellSpan.commandEnd(text, argsFrom, s.close(), false);
        if (!s.anyIn(argsFrom, end, "prune", "rm", "down", "volume", "reset")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(text, argsFrom, end);
        List<Token> words = ShellTokens.words(tokens, 3, DOCKER_VALUE_FLAGS);
        if (words.isEmpty()) {
            return null;
        }
        if (words.get(0).is("compose") && !compose) {
            words = words.subList(1, words.size());
            compose = true;
        }
        if (words.isEmpty()) {
            return null;
        }
        String verb = words.get(0).value().toLowerCase(Locale.ROOT);
        String object = words.size() > 1 ? words.get(1).value().toLowerCase(Locale.ROOT) : "";
        boolean all = ShellTokens.anyShortFlag(tokens, 'a') || ShellTokens.any(tokens, "--all", "--volumes");
        boolean substitution = text.substring(argsFrom, end).contains("$(");
        double score = 0;
        if (compose) {
            score = verb.equals("down")
                            && (ShellTokens.anyShortFlag(tokens, 'v') || ShellTokens.any(tokens, "--volumes"))
                    ? Hit.LIKELY
                    : 0;
        } else if (verb.equals("prune") || object.equals("prune")) {
            score = all || verb.equals("volume") ? Hit.STRONG : Hit.PROBABLE;
        } else if (verb.equals("system") && object.equals("reset")) {
            score = Hit.STRONG; // podman system reset removes every container, image and volume
        } else if (verb.equals("volume") && (object.equals("rm") || object.equals("remove"))) {
            score = Hit.PROBABLE;
        } else if ((verb.equals("rm") || verb.equals("rmi") || object.equals("rm")) && substitution) {
            score = Hit.LIKELY;
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), score) : null;
    }

    private static Hit verb(Spot s, Set<String> verbs, double score) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, verbs.toArray(new String[0]))) {
            return null;
        }
        List<Token> words = ShellTokens.words(ShellTokens.of(s.text(), s.end(), end), 2, VALUE_FLAGS);
        return words.size() == 2 && verbs.contains(words.get(0).value().toLowerCase(Locale.ROOT))
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score)
                : null;
    }
}
