package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Git operations that lose work or history: force-push, remote branch deletion, hard reset, clean, stash drop, rewrites. */
final class GitRules {
    private static final Set<String> GLOBAL_VALUE_FLAGS = Set.of("-c", "-C", "--git-dir", "--work-tree", "--namespace");
    private static final Pattern PROTECTED = Pattern.compile(
            "(?:refs/heads/)?(?:main|master|trunk|develop|development|dev|prod|production|live|stable|gh-pages|release\\S*)");

    private GitRules() {}

    static Hit git(Spot s) {
        if (!s.unixCommand() || s.before() == '/' && !s.text().startsWith("bin/", s.start() - 4)) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(
                s.end(),
                end,
                "push",
                "reset",
                "clean",
                "filter-",
                "stash",
                "branch",
                "checkout",
                "restore",
                "reflog")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        int sub = subcommand(tokens);
        if (sub < 0) {
            return null;
        }
        String verb = tokens.get(sub).value().toLowerCase(Locale.ROOT);
        List<Token> args = tokens.subList(sub + 1, tokens.size());
        double score =
                switch (verb) {
                    case "push" -> push(args);
                    case "reset" -> ShellTokens.any(args, "--hard") ? Hit.LIKELY : 0;
                    case "clean" -> clean(args);
                    case "filter-branch", "filter-repo" -> Hit.PROBABLE;
                    case "stash" ->
                        !args.isEmpty()
                                        && (args.get(0).is("drop")
                                                || args.get(0).is("clear"))
                                ? Hit.PROBABLE
                                : 0;
                    case "branch" -> branch(args);
                    case "checkout" ->
                        ShellTokens.any(args, ".") || ShellTokens.any(args, "-f", "--force") ? Hit.PLAUSIBLE : 0;
                    case "restore" ->
                        ShellTokens.any(args, ".", ":/") && !ShellTokens.any(args, "--staged", "-S")
                                ? Hit.PLAUSIBLE
                                : 0;
                    case "reflog" ->
                        !args.isEmpty() && args.get(0).is("expire") && mentionsNow(args) ? Hit.PROBABLE : 0;
                    default -> 0;
                };
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score) : null;
    }

    private static int subcommand(List<Token> tokens) {
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (!t.flag()) {
                return k;
            }
            if (GLOBAL_VALUE_FLAGS.contains(t.value())) {
                k++;
            }
        }
        return -1;
    }

    private static double push(List<Token> args) {
        boolean force = false;
        boolean lease = false;
        boolean delete = false;
        boolean anyProtected = false;
        int positional = 0;
        for (Token t : args) {
            String v = t.value();
            if (v.startsWith("--")) {
                lease |= v.startsWith("--force-with-lease") || v.startsWith("--force-if-includes");
                force |= v.equals("--force") || v.startsWith("--force=") || v.equals("--mirror");
                delete |= v.equals("--delete") || v.equals("--prune");
            } else if (t.flag()) {
                force |= v.indexOf('f') > 0;
                delete |= v.indexOf('d') > 0;
            } else {
                positional++;
                if (positional == 1) {
                    continue;
                }
                force |= v.startsWith("+");
                delete |= v.startsWith(":") && v.length() > 1;
                String branch = v.startsWith("+") || v.startsWith(":") ? v.substring(1) : v;
                int colon = branch.lastIndexOf(':');
                anyProtected |= PROTECTED
                        .matcher(colon >= 0 ? branch.substring(colon + 1) : branch)
                        .matches();
            }
        }
        boolean protectedTarget = anyProtected || positional < 2;
        if (force || delete) {
            return protectedTarget ? Hit.STRONG : Hit.PLAUSIBLE;
        }
        return lease && protectedTarget ? Hit.PROBABLE : 0;
    }

    private static double clean(List<Token> args) {
        boolean force = ShellTokens.anyShortFlag(args, 'f') || ShellTokens.any(args, "--force");
        boolean dry = ShellTokens.anyShortFlag(args, 'n')
                || ShellTokens.any(args, "--dry-run")
                || ShellTokens.anyShortFlag(args, 'i');
        if (!force || dry) {
            return 0;
        }
        boolean wide = ShellTokens.anyShortFlag(args, 'd')
                || ShellTokens.anyShortFlag(args, 'x')
                || ShellTokens.anyShortFlag(args, 'X');
        return wide ? Hit.LIKELY : Hit.PLAUSIBLE;
    }

    private static double branch(List<Token> args) {
        boolean forcedDelete = ShellTokens.anyShortFlag(args, 'D')
                || ShellTokens.any(args, "--delete", "-d") && ShellTokens.any(args, "--force", "-f");
        if (!forcedDelete) {
            return 0;
        }
        for (Token t : args) {
            if (!t.flag() && PROTECTED.matcher(t.value()).matches()) {
                return Hit.LIKELY;
            }
        }
        return Hit.PLAUSIBLE;
    }

    private static boolean mentionsNow(List<Token> args) {
        for (Token t : args) {
            if (t.value().endsWith("=now") || t.value().equals("--all")) {
                return true;
            }
        }
        return false;
    }
}
