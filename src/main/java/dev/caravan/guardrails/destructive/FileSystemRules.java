package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recursive deletion of the root, a home, system or data directories: rm, find, mv, Windows rd/del/Remove-Item, code. */
final class FileSystemRules {
    private static final Pattern CD_BEFORE = Pattern.compile("\\bcd\\s+(\\S+)\\s*(?:&&|;)");
    private static final Pattern TOP_SYSTEM = Pattern.compile("/(?:etc|usr|bin|sbin|lib|lib64|boot|var)");
    private static final Pattern XARGS_FEED = Pattern.compile(
            "\\b(?:find|ls|echo|printf)\\s+(?:-\\w+\\s+)*(\\S+)[^|\\n]*\\|\\s*(?:sudo\\s+)?xargs\\b[^|\\n]*$");
    /** {@code Get-ChildItem D:\Data -Recurse | Remove-Item}: the items come from a listing, not an argument. */
    private static final Pattern LISTING_FEED = Pattern.compile(
            "(?i)\\b(?:get-childitem|gci|dir|ls)\\s+(?:-path\\s+|-literalpath\\s+)?(\\S+)[^|\\n]*\\|\\s*$");

    /** How many words before {@code rm} its {@code xargs} may stand: {@code xargs -0 -n 1 -P4 sudo rm}. */
    private static final int XARGS_WORDS = 8;

    private static final Set<String> AGE_TESTS =
            Set.of("-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-newer", "-newermt");
    /** A {@code -name} pattern for leftovers: {@code "*.log"}, {@code '*.bak'}, {@code *~}. */
    private static final Pattern LEFTOVERS =
            Pattern.compile("(?i)['\"]?\\*(?:\\.(?:log|tmp|temp|bak|old|gz|swp|pyc|orig|rej|cache)|~)['\"]?");

    private static final Pattern CODE_ARGUMENT =
            Pattern.compile("\\A\\s*\\(\\s*(?:r?(['\"`])([^'\"`\\n]{0,200})\\1|([^)\\n]{0,200}))");
    private static final Pattern HOME_EXPRESSION = Pattern.compile(
            "(?i)expanduser\\(\\s*['\"]~['\"]|path\\.home\\(|homedir\\(|environ\\[\\s*['\"]home|getenv\\(\\s*['\"]home"
                    + "|env\\.home|dir\\.home|env\\[\\s*['\"]home|user\\.home");

    private FileSystemRules() {}

    static Hit rm(Spot s) {
        if (s.before() == '.') {
            return codeDelete(s);
        }
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "-")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        boolean recursive = false;
        boolean force = false;
        boolean noPreserveRoot = false;
        boolean options = true;
        PathRisk worst = PathRisk.SCOPED;
        boolean glob = false;
        for (Token t : tokens) {
            // Most words are neither flags nor paths that could matter: their first two chars tell, without a copy.
            if (t.plainLead() && t.lead(0) != '-' && PathRisk.surelyScoped(t.lead(0), t.lead(1))) {
                continue;
            }
            String v = t.value();
            if (options && v.equals("--")) {
                options = false;
            } else if (options && v.startsWith("--")) {
                recursive |= v.equals("--recursive");
                force |= v.equals("--force");
                noPreserveRoot |= v.equals("--no-preserve-root");
                if (v.equals("--help")) {
                    return null;
                }
            } else if (options && t.flag()) {
                recursive |= v.indexOf('r') > 0 || v.indexOf('R') > 0;
                force |= v.indexOf('f') > 0;
            } else if (v.indexOf('>') < 0) {
                PathRisk risk = PathRisk.of(v);
                if (risk.ordinal() > worst.ordinal()) {
                    worst = risk;
                }
                glob |= risk == PathRisk.DANGEROUS && v.endsWith("*");
            }
        }
        double score;
        if (recursive && (noPreserveRoot || worst == PathRisk.DANGEROUS)) {
            score = force || noPreserveRoot ? Hit.CERTAIN : Hit.STRONG;
        } else if (recursive && worst == PathRisk.HERE && changedIntoDanger(s)) {
            score = Hit.STRONG;
        } else if (glob) {
            score = Hit.LIKELY;
        } else if (recursive && fedByDangerousListing(s) && noPlaceholder(tokens)) {
            score = Hit.STRONG;
        } else {
            return null;
        }
        return Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), score);
    }

    /**
     * {@code xargs rm -rf} deletes what the listing feeds it whatever words follow ("… on prod right away"), unless a
     * placeholder ({@code -I {} rm -rf {}/build}) makes each path a template.
     */
    private static boolean noPlaceholder(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.value().contains("{}")) {
                return false;
            }
        }
        return true;
    }

    /** {@code find / … | xargs rm -rf}: the paths come from a listing of a dangerous directory. */
    private static boolean fedByDangerousListing(Spot s) {
        if (!afterXargs(s.text(), s.start())) {
            return false; // the regex below is the costly part, and almost every rm has no xargs before it
        }
        int from = ShellSpan.lineStart(s.text(), s.start(), 160);
        Matcher m = XARGS_FEED.matcher(s.text()).region(from, s.start());
        return m.find() && PathRisk.of(m.group(1)) == PathRisk.DANGEROUS;
    }

    /** Whether {@code xargs}, maybe with options and {@code sudo}, is the word before the command at start. */
    private static boolean afterXargs(String text, int start) {
        int i = start;
        for (int words = 0; words < XARGS_WORDS; words++) {
            while (i > 0 && text.charAt(i - 1) == ' ') {
                i--;
            }
            int end = i;
            while (i > 0 && text.charAt(i - 1) > ' ') {
                i--;
            }
            if (i == end) {
                return false;
            }
            if (end - i == 5 && text.startsWith("xargs", i)) {
                return true;
            }
            char c = text.charAt(i);
            if (c != '-' && !(c >= '0' && c <= '9') && !(end - i == 4 && text.startsWith("sudo", i))) {
                return false;
            }
        }
        return false;
    }

    /** {@code cd / && rm -rf *}: "everything here" is only as safe as the directory it runs in. */
    private static boolean changedIntoDanger(Spot s) {
        int from = ShellSpan.lineStart(s.text(), s.start(), 160);
        Matcher m = CD_BEFORE.matcher(s.text()).region(from, s.start());
        boolean danger = false;
        while (m.find()) {
            danger = PathRisk.of(m.group(1)) == PathRisk.DANGEROUS;
        }
        return danger;
    }

    static Hit windowsRmdir(Spot s) {
        if (!s.commandPosition()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "/s")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        if (!ShellTokens.any(tokens, "/s")) {
            return null;
        }
        return dangerousTarget(tokens)
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.STRONG)
                : null;
    }

    static Hit windowsDel(Spot s) {
        if (!s.commandPosition()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "/")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        boolean switches = false;
        for (Token t : tokens) {
            switches |= t.value().startsWith("/")
                    && t.value().length() <= 3
                    && !t.value().substring(1).contains("/");
        }
        return switches && dangerousTarget(tokens)
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.STRONG)
                : null;
    }

    private static boolean dangerousTarget(List<Token> tokens) {
        for (Token t : tokens) {
            String v = t.value();
            boolean windowsSwitch =
                    v.startsWith("/") && v.length() <= 3 && Character.isLetter(v.charAt(v.length() - 1));
            if (!t.flag() && !windowsSwitch && PathRisk.of(v) == PathRisk.DANGEROUS) {
                return true;
            }
        }
        return false;
    }

    /** PowerShell {@code Remove-Item -Recurse -Force C:\}, or a MongoDB {@code .remove({})} that empties a collection. */
    static Hit remove(Spot s) {
        String text = s.text();
        if (s.before() == '.') {
            return DataStoreRules.mongoRemove(s);
        }
        if (text.regionMatches(true, s.end(), "-partition", 0, 10) && !Character.isLetterOrDigit(s.before())) {
            return removedPartition(s);
        }
        if (!text.regionMatches(true, s.end(), "-item", 0, 5)
                || s.before() != ' '
                        && s.before() != '"'
                        && s.before() != '\''
                        && s.before() != '`'
                        && s.before() != '\n'
                        && s.start() > 0) {
            return null;
        }
        int end = ShellSpan.commandEnd(text, s.end() + 5, s.close(), false);
        List<Token> tokens = ShellTokens.of(text, s.end() + 5, end);
        boolean recursive = false;
        Matcher feed = LISTING_FEED.matcher(text).region(ShellSpan.lineStart(text, s.start(), 160), s.start());
        boolean danger = feed.find() && PathRisk.of(feed.group(1)) == PathRisk.DANGEROUS;
        for (Token t : tokens) {
            String v = t.value().toLowerCase(Locale.ROOT);
            if (v.startsWith("-")) {
                recursive |= v.startsWith("-r");
            } else {
                danger |= PathRisk.of(t.value()) == PathRisk.DANGEROUS;
            }
        }
        return recursive && danger ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG) : null;
    }

    /** {@code Remove-Partition -DiskNumber 1 -PartitionNumber 2}: the partition and everything on it. */
    private static Hit removedPartition(Spot s) {
        String text = s.text();
        int end = ShellSpan.commandEnd(text, s.end() + 10, s.close(), false);
        return s.anyIn(s.end() + 10, end, "-disknumber", "-driveletter", "-diskid")
                ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.LIKELY)
                : null;
    }

    static Hit find(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), true);
        if (!s.anyIn(s.end(), end, "-delete", "-exec", "-ok", "xargs")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        boolean danger = false;
        boolean root = false;
        boolean housekeeping = false;
        boolean deletes = false;
        boolean paths = true;
        for (int k = 0; k < tokens.size(); k++) {
            String v = tokens.get(k).value();
            if (paths && (v.startsWith("-") || v.equals("(") || v.equals("!"))) {
                paths = false;
            }
            if (paths) {
                danger |= PathRisk.of(v) == PathRisk.DANGEROUS;
                root |= PathRisk.normalise(v).equals("/");
            } else if (AGE_TESTS.contains(v)
                    || (v.equals("-name") || v.equals("-iname"))
                            && k + 1 < tokens.size()
                            && LEFTOVERS.matcher(tokens.get(k + 1).value()).matches()) {
                housekeeping = true;
            } else if (v.equals("-delete")) {
                deletes = true;
            } else if ((v.equals("-exec") || v.equals("-execdir") || v.equals("-ok") || v.equals("xargs"))
                    && k + 1 < tokens.size()) {
                String next = ShellSpan.baseName(tokens.get(k + 1).value());
                deletes |= next.equals("rm") || next.equals("shred") || next.equals("unlink");
                if (v.equals("xargs")) {
                    deletes |= tokens.size() > k + 2
                            && ShellSpan.baseName(tokens.get(k + 2).value()).equals("rm");
                }
            }
        }
        // old files or leftovers (logs, backups, caches) cleaned out of a site or data directory are housekeeping
        return danger && deletes && (root || !housekeeping)
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.STRONG)
                : null;
    }

    /** {@code mv ~ /dev/null}: moving a directory into the null device throws it away. */
    static Hit mv(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "/dev/null")) {
            return movedSystemRoot(s, end);
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        if (tokens.size() < 2 || !tokens.get(tokens.size() - 1).value().equals("/dev/null")) {
            return null;
        }
        for (Token t : tokens.subList(0, tokens.size() - 1)) {
            if (!t.flag() && PathRisk.of(t.value()) == PathRisk.DANGEROUS) {
                return Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.STRONG);
            }
        }
        return null;
    }

    /**
     * {@code rsync -a --delete /empty/ /srv/data/}: mirroring an empty directory onto a dangerous one is the fast way
     * to delete everything in it.
     */
    static Hit rsync(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "--delete") || !s.anyIn(s.end(), end, "empty")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        String source = null;
        String target = null;
        for (Token t : tokens) {
            if (t.value().startsWith("--dry-run") || t.value().equals("-n")) {
                return null;
            }
            if (!t.flag()) {
                source = target;
                target = t.value();
            }
        }
        if (source == null || PathRisk.of(target) != PathRisk.DANGEROUS) {
            return null;
        }
        String from = PathRisk.normalise(source);
        return from.substring(from.lastIndexOf('/') + 1).startsWith("empty")
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.LIKELY)
                : null;
    }

    /** {@code mv /etc /tmp/etc.old}: moving the root or a top-level system directory away breaks the machine. */
    private static Hit movedSystemRoot(Spot s, int end) {
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        for (int k = 0; k + 1 < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.flag()) {
                continue;
            }
            String p = PathRisk.normalise(t.value());
            return p.equals("/") || TOP_SYSTEM.matcher(p).matches()
                    ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.PROBABLE)
                    : null;
        }
        return null;
    }

    /**
     * A recursive chmod or chown of the root or a top-level system directory breaks the machine, and so does taking
     * every permission ({@code 000}) from any dangerous path.
     */
    static Hit chmod(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "-R", "--recursive")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        if (!ShellTokens.anyShortFlag(tokens, 'R') && !ShellTokens.any(tokens, "--recursive")) {
            return null;
        }
        boolean nothing = ShellTokens.any(tokens, "000") || ShellTokens.any(tokens, "0000");
        for (Token t : tokens) {
            String p = PathRisk.normalise(t.value());
            if (!t.flag()
                    && (p.equals("/")
                            || TOP_SYSTEM.matcher(p).matches()
                            || nothing && PathRisk.of(t.value()) == PathRisk.DANGEROUS)) {
                return Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.PROBABLE);
            }
        }
        return null;
    }

    static Hit crontab(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        List<Token> tokens = ShellTokens.of(s.text(), s.end(), end);
        return ShellTokens.anyShortFlag(tokens, 'r') && !ShellTokens.anyShortFlag(tokens, 'l')
                ? Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.LIKELY)
                : null;
    }

    /** shutil.rmtree, fs.rmSync, FileUtils.rm_rf, os.RemoveAll and friends called on a dangerous path. */
    static Hit codeDelete(Spot s) {
        String text = s.text();
        int open = ShellSpan.skipSpaces(text, s.end(), Math.min(text.length(), s.end() + 4));
        if (open >= text.length() || text.charAt(open) != '(') {
            return null;
        }
        int limit = Math.min(text.length(), s.end() + 240);
        Matcher m = CODE_ARGUMENT.matcher(text).region(s.end(), limit);
        if (!m.lookingAt()) {
            return null;
        }
        String argument = m.group(2) != null ? m.group(2) : m.group(3);
        boolean danger = m.group(2) != null
                ? PathRisk.of(argument) == PathRisk.DANGEROUS
                : HOME_EXPRESSION.matcher(argument).find();
        String name = text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        boolean needsRecursive = name.equals("rm") || name.equals("rmsync") || name.equals("rmdirsync");
        int close = text.indexOf(')', m.end());
        int end = close < 0 || close > limit ? m.end() : close + 1;
        if (!danger || needsRecursive && !text.substring(s.end(), end).contains("recursive")) {
            return null;
        }
        int start = s.start();
        while (start > 0
                && start > s.start() - 60
                && (Character.isLetterOrDigit(text.charAt(start - 1))
                        || text.charAt(start - 1) == '.'
                        || text.charAt(start - 1) == '_')) {
            start--;
        }
        return Hit.shell(start, end, Hit.STRONG);
    }
}
