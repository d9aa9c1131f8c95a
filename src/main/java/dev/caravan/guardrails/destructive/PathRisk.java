package dev.caravan.guardrails.destructive;

import java.util.Locale;
import java.util.Set;

/** Rates a path a command would delete: the root, a home, a system or data directory, everything here, or scoped. */
enum PathRisk {
    /** A scoped path: a build folder, a temp file, a project's sub-directory. */
    SCOPED,
    /** Everything in the working directory ({@code .}, {@code *}): risky only where that directory is. */
    HERE,
    /** The root, a home, a system directory or a data directory. */
    DANGEROUS;

    private static final Set<String> SYSTEM_DIRS = Set.of(
            "etc",
            "usr",
            "bin",
            "sbin",
            "lib",
            "lib32",
            "lib64",
            "libx32",
            "boot",
            "sys",
            "proc",
            "dev",
            "root",
            "var",
            "opt",
            "srv",
            "home",
            "mnt",
            "media",
            "snap",
            "system",
            "library",
            "applications",
            "users",
            "windows",
            "private",
            "program files",
            "program files (x86)",
            "programdata",
            "data",
            "backup",
            "backups");
    private static final Set<String> SCRATCH_DIRS = Set.of("tmp", "temp", "cache", "caches");
    private static final Set<String> DATA_PARTS = Set.of(
            "data",
            "backup",
            "backups",
            "db",
            "dbs",
            "database",
            "databases",
            "mysql",
            "postgres",
            "postgresql",
            "pgdata",
            "mongodb",
            "mongo",
            "redis",
            "elasticsearch",
            "cassandra",
            "prod",
            "production",
            "uploads",
            "volumes");
    /** A site's document root or a deployed release: deleting it takes the site or the service down. */
    private static final Set<String> SITE_PARTS =
            Set.of("www", "html", "htdocs", "public_html", "wwwroot", "inetpub", "current", "releases");
    /** A home's key and credential stores: deleting them locks the owner out. */
    private static final Set<String> KEY_STORES = Set.of(".ssh", ".gnupg", ".aws", ".kube", ".password-store");

    private static final Set<String> HOMES = Set.of(
            "~",
            "$home",
            "${home}",
            "$env:userprofile",
            "%userprofile%",
            "$env:home",
            "%homepath%",
            "%homedrive%%homepath%",
            "${env:userprofile}");
    private static final Set<String> SYSTEM_VARIABLES = Set.of(
            "%systemroot%",
            "$env:systemroot",
            "%windir%",
            "$env:windir",
            "%programfiles%",
            "$env:programfiles",
            "%systemdrive%",
            "$env:systemdrive",
            "%programdata%",
            "$env:programdata");

    private static final String[] TAILS = {"/*.*", "/*", "/.", "/"};

    static PathRisk of(String raw) {
        if (surelyScoped(raw)) {
            return SCOPED;
        }
        String p = normalise(raw);
        if (p.isEmpty()) {
            return SCOPED;
        }
        if (p.equals("/")) {
            return DANGEROUS;
        }
        if (p.equals(".") || p.equals("*") || p.equals("..") || p.equals(".*") || p.equals("../*")) {
            return HERE;
        }
        String[] parts = p.split("/");
        String head = parts[0];
        if (HOMES.contains(head) || head.startsWith("~") && parts.length == 1) {
            return home(parts, 1);
        }
        if (SYSTEM_VARIABLES.contains(head)) {
            return DANGEROUS;
        }
        if (head.length() == 2 && head.charAt(1) == ':' && Character.isLetter(head.charAt(0))) {
            return windowsDrive(parts);
        }
        if (!head.isEmpty()) {
            return SCOPED;
        }
        return absolute(parts);
    }

    /**
     * True for a word that is SCOPED whatever follows its first two characters: normalise() keeps its first character
     * (lower-cased) and cannot turn its second into a drive colon, so its head is not empty, not a home, a variable,
     * a drive or "everything here". Most arguments are such words, and this spares them normalise()'s copies.
     */
    private static boolean surelyScoped(String raw) {
        if (raw.isEmpty()) {
            return true;
        }
        return raw.length() == 1 ? scopedLead(raw.charAt(0)) : surelyScoped(raw.charAt(0), raw.charAt(1));
    }

    /** surelyScoped() for a word of at least two chars that begins with first and second. */
    static boolean surelyScoped(char first, char second) {
        return scopedLead(first) && second != ':';
    }

    private static boolean scopedLead(char first) {
        return first > ' ' && "\"'./\\~$%*".indexOf(first) < 0;
    }

    private static PathRisk absolute(String[] parts) {
        int depth = parts.length - 1;
        String top = parts[1];
        if (SCRATCH_DIRS.contains(top)) {
            return SCOPED;
        }
        if (top.equals("home") || top.equals("users")) {
            return depth <= 2 ? DANGEROUS : home(parts, 3);
        }
        if (top.equals("root")) {
            return home(parts, 2);
        }
        for (int k = 1; k < parts.length; k++) {
            if (DATA_PARTS.contains(parts[k])) {
                return DANGEROUS;
            }
        }
        if (depth <= 3 && SITE_PARTS.contains(parts[depth])) {
            return DANGEROUS;
        }
        if (top.equals("srv") && depth <= 2 || top.equals("var") && depth == 3 && parts[2].equals("lib")) {
            return DANGEROUS; // /srv holds what the host serves, /var/lib/<name> a service's state
        }
        if (!SYSTEM_DIRS.contains(top)
                || top.equals("opt")
                || top.equals("srv")
                || top.equals("mnt")
                || top.equals("media")) {
            return depth == 1 && SYSTEM_DIRS.contains(top) ? DANGEROUS : SCOPED;
        }
        if (depth == 1) {
            return DANGEROUS;
        }
        if (top.equals("var") && SCRATCH_DIRS.contains(parts[2])) {
            return SCOPED;
        }
        return depth == 2 ? DANGEROUS : SCOPED;
    }

    /** A home itself, or one visible folder in it (Documents), is dangerous; dot-folders and deeper paths are scoped. */
    private static PathRisk home(String[] parts, int homeDepth) {
        int below = parts.length - homeDepth;
        if (below <= 0) {
            return DANGEROUS;
        }
        return below == 1 && (!parts[homeDepth].startsWith(".") || KEY_STORES.contains(parts[homeDepth]))
                ? DANGEROUS
                : SCOPED;
    }

    private static PathRisk windowsDrive(String[] parts) {
        if (parts.length == 1) {
            return DANGEROUS;
        }
        String top = parts[1];
        if (top.equals("users")) {
            return parts.length <= 3 ? DANGEROUS : home(parts, 3);
        }
        if (top.equals("windows") || top.startsWith("program")) {
            return DANGEROUS;
        }
        for (int k = 1; k < parts.length; k++) {
            if (DATA_PARTS.contains(parts[k])) {
                return DANGEROUS;
            }
        }
        if (parts.length <= 3 && SITE_PARTS.contains(parts[parts.length - 1])) {
            return DANGEROUS;
        }
        return parts.length == 2 && top.equals("*") ? DANGEROUS : SCOPED;
    }

    /**
     * A command inside a JSON string that is itself inside a JSON string ({@code "{\"command\": \"rm -rf /etc\"}"})
     * leaves its last word with the inner string's closing quote, and maybe the object's brace, stuck to it.
     */
    private static String cutStrayQuote(String p) {
        for (int k = p.length() - 1; k > 0; k--) {
            char c = p.charAt(k);
            if (c == '"' || c == '\'') {
                return p.indexOf(c) == k ? p.substring(0, k) : p;
            }
            if (c != '}' && c != ']' && c != ')' && c != ',') {
                return p;
            }
        }
        return p;
    }

    /** Lower case, forward slashes, no quotes, and no trailing {@code /}, {@code /*} or {@code /.}. */
    static String normalise(String raw) {
        String p = raw.trim().toLowerCase(Locale.ROOT);
        if (p.indexOf('\\') >= 0) {
            p = p.replace("\\\\", "\\").replace('\\', '/');
        }
        if (p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\'') && p.charAt(p.length() - 1) == p.charAt(0)) {
            p = p.substring(1, p.length() - 1);
        }
        p = cutStrayQuote(p);
        while (p.contains("//")) {
            p = p.replace("//", "/");
        }
        if (p.startsWith("./") && p.length() > 2) {
            p = p.substring(2);
        }
        boolean changed = true;
        while (changed && p.length() > 1) {
            changed = false;
            for (String tail : TAILS) {
                if (p.endsWith(tail) && p.length() > tail.length() - (tail.equals("/") ? 0 : 1)) {
                    p = p.substring(0, p.length() - tail.length());
                    changed = true;
                }
            }
            if (p.isEmpty()) {
                return "/";
            }
        }
        return p;
    }
}
