package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Wiping disks and volumes: dd onto a device, mkfs, wipefs, shred, blkdiscard, LUKS and NVMe format, partition tables,
 * ZFS and LVM, Windows format.
 */
final class DiskRules {
    private static final Pattern DISK = Pattern.compile(
            "/dev/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\\d|mmcblk\\d|disk\\d|rdisk\\d|md\\d|dm-\\d|mapper/|root|nbd\\d)\\S*");

    private static final Pattern DRIVE = Pattern.compile("\\A\\s+[A-Za-z]:(?:\\s|\\\\|/|$)");

    private DiskRules() {}

    static Hit disk(Spot s) {
        if (!Character.isLowerCase(s.text().charAt(s.start()))
                || !s.commandPosition() && !s.text().startsWith(".", s.end())) {
            return null;
        }
        String text = s.text();
        String name = text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        int argsFrom = s.end();
        while (argsFrom < text.length() && argsFrom < s.end() + 12 && !Character.isWhitespace(text.charAt(argsFrom))) {
            argsFrom++;
        }
        int end = ShellSpan.commandEnd(text, argsFrom, s.close(), false);
        if (!s.anyIn(argsFrom, end, "-", "/", "destroy", "labelclear", "mklabel", "mktable", "rm")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(text, argsFrom, end);
        double score =
                switch (name) {
                    case "dd" -> anyValue(tokens, "of=") ? Hit.CERTAIN : 0;
                    case "mkfs", "mke2fs", "mkswap", "shred", "blkdiscard" -> anyDisk(tokens) ? Hit.STRONG : 0;
                    case "cryptsetup" ->
                        ShellTokens.any(tokens, "luksFormat", "luksErase", "erase") && anyDisk(tokens) ? Hit.STRONG : 0;
                    case "nvme" -> ShellTokens.any(tokens, "format", "sanitize") && anyDisk(tokens) ? Hit.STRONG : 0;
                    case "wipefs" ->
                        ShellTokens.anyShortFlag(tokens, 'a') || ShellTokens.any(tokens, "--all") ? Hit.STRONG : 0;
                    case "sfdisk" -> ShellTokens.any(tokens, "--delete") ? Hit.LIKELY : 0;
                    case "parted" -> ShellTokens.any(tokens, "mklabel", "mktable", "rm") ? Hit.LIKELY : 0;
                    case "sgdisk" ->
                        ShellTokens.any(tokens, "--zap-all", "-Z", "--clear", "-o", "--delete", "-d") ? Hit.STRONG : 0;
                    case "zfs" -> firstWord(tokens, "destroy") ? Hit.STRONG : 0;
                    case "zpool" -> firstWord(tokens, "destroy") || firstWord(tokens, "labelclear") ? Hit.STRONG : 0;
                    default -> volumeRemoval(tokens) ? Hit.LIKELY : 0;
                };
        if (score == 0 && name.equals("shred")) {
            return emptiedFile(s);
        }
        return score > 0 ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), score) : null;
    }

    private static boolean anyValue(List<Token> tokens, String prefix) {
        for (Token t : tokens) {
            if (t.value().startsWith(prefix)
                    && DISK.matcher(t.value().substring(prefix.length())).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyDisk(List<Token> tokens) {
        for (Token t : tokens) {
            if (DISK.matcher(t.value()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean firstWord(List<Token> tokens, String word) {
        for (Token t : tokens) {
            if (!t.flag()) {
                return t.is(word);
            }
        }
        return false;
    }

    /** lvremove/vgremove/pvremove need something to remove: a volume path, a device, or a forced run. */
    private static boolean volumeRemoval(List<Token> tokens) {
        for (Token t : tokens) {
            String v = t.value();
            boolean named = !t.flag()
                    && (v.indexOf('_') > 0 || v.indexOf('-') > 0 || v.chars().anyMatch(Character::isDigit));
            if (named
                    || v.indexOf('/') >= 0
                    || v.equals("-f")
                    || v.equals("--force")
                    || v.equals("-y")
                    || v.equals("--yes")) {
                return true;
            }
        }
        return false;
    }

    /** {@code cat /dev/zero > /dev/sda}: redirecting onto a disk device overwrites it. */
    static Hit deviceRedirect(Spot s) {
        String text = s.text();
        int slash = s.start() - 1;
        if (s.before() != '/'
                || !DISK.matcher(text)
                        .region(slash, Math.min(text.length(), slash + 40))
                        .lookingAt()) {
            return null;
        }
        int i = slash;
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (i == 0 || text.charAt(i - 1) != '>') {
            return null;
        }
        int start = i - 1;
        int floor = Math.max(0, start - 200);
        while (start > floor && "\n;|&`\"'".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        start = ShellSpan.skipSpaces(text, start, slash);
        int end = slash;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - slash < 40) {
            end++;
        }
        return Hit.shell(start, end, Hit.STRONG);
    }

    /**
     * {@code > /etc/passwd}, {@code > /var/log/auth.log}: redirecting nothing onto a file under /etc or /boot empties
     * a file the system needs; onto one under /var/log or /var/lib, its logs or a service's data.
     */
    static Hit systemFileRedirect(Spot s) {
        String text = s.text();
        int slash = s.start() - 1;
        if (s.before() != '/' || s.after() != '/') {
            return null;
        }
        if ((text.charAt(s.start()) | 0x20) == 'v'
                && !text.startsWith("/log/", s.end())
                && !text.startsWith("/lib/", s.end())) {
            return null;
        }
        int i = slash;
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (i == 0 || text.charAt(i - 1) != '>' || i > 1 && (text.charAt(i - 2) == '>' || text.charAt(i - 2) == '2')) {
            return null; // ">>" appends, "2>" redirects errors
        }
        int start = i - 1;
        if (!emptyProducer(text, start)) {
            return null; // "echo 'deb …' > /etc/apt/sources.list.d/x.list" writes a file, it does not wipe one
        }
        int end = s.end();
        while (end < text.length()
                && !Character.isWhitespace(text.charAt(end))
                && "\"'`;|&".indexOf(text.charAt(end)) < 0
                && end - slash < 80) {
            end++;
        }
        return end > s.end() + 1 ? Hit.shell(start, end, Hit.STRONG) : null;
    }

    /**
     * Emptying a system file, a log or a service's data file without a redirect: {@code truncate -s 0 FILE},
     * {@code cp /dev/null FILE}, {@code shred -u FILE}.
     */
    static Hit emptiedFile(Spot s) {
        if (!s.unixCommand()) {
            return null;
        }
        String text = s.text();
        int end = ShellSpan.commandEnd(text, s.end(), s.close(), false);
        if (!s.anyIn(s.end(), end, "/etc/", "/boot/", "/var/log/", "/var/lib/")) {
            return null;
        }
        List<Token> tokens = ShellTokens.of(text, s.end(), end);
        boolean empties =
                switch (text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT)) {
                    case "truncate" -> ShellTokens.any(tokens, "-s0", "--size=0") || sizeZero(tokens);
                    case "cp" -> !tokens.isEmpty() && tokens.get(0).is("/dev/null");
                    default -> ShellTokens.anyShortFlag(tokens, 'u') || ShellTokens.any(tokens, "--remove");
                };
        if (!empties) {
            return null;
        }
        for (Token t : tokens) {
            if (!t.flag() && systemFile(t.value())) {
                return Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.PROBABLE);
            }
        }
        return null;
    }

    private static boolean sizeZero(List<Token> tokens) {
        for (int k = 0; k + 1 < tokens.size(); k++) {
            if (tokens.get(k).is("-s") && tokens.get(k + 1).is("0")) {
                return true;
            }
        }
        return false;
    }

    private static boolean systemFile(String raw) {
        String p = PathRisk.normalise(raw);
        return p.startsWith("/etc/")
                || p.startsWith("/boot/")
                || p.startsWith("/var/log/")
                || p.startsWith("/var/lib/");
    }

    /** Whether what is redirected at {@code gt} is nothing: a bare {@code >}, {@code :}, {@code true} or /dev/null. */
    private static boolean emptyProducer(String text, int gt) {
        int from = gt;
        while (from > 0 && gt - from < 120 && "\n;|&`".indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        String producer = text.substring(from, gt).strip();
        if (opensString(producer)) {
            return true; // sh '> /etc/shadow', {"command": "> /etc/shadow"}: the redirect begins the string
        }
        return producer.isEmpty()
                || producer.equals(":")
                || producer.endsWith(" :")
                || producer.equals("true")
                || producer.equals("sudo")
                || producer.endsWith("/dev/null")
                || producer.endsWith("/dev/zero");
    }

    /**
     * True when the text ends with a quote that opens a string: a value's quote after {@code :}, {@code (}, {@code ,},
     * {@code [} or {@code =}, or a quote char that occurs an odd number of times.
     */
    private static boolean opensString(String producer) {
        if (producer.isEmpty()) {
            return false;
        }
        char q = producer.charAt(producer.length() - 1);
        if (q != '\'' && q != '"') {
            return false;
        }
        String before = producer.substring(0, producer.length() - 1).stripTrailing();
        if (!before.isEmpty() && ":([,=".indexOf(before.charAt(before.length() - 1)) >= 0) {
            return true;
        }
        int count = 0;
        for (int i = 0; i < producer.length(); i++) {
            count += producer.charAt(i) == q ? 1 : 0;
        }
        return count % 2 == 1;
    }

    /** {@code format C: /q /y} takes switches only; "format C: drive usage as a table" is English. */
    private static boolean onlySwitchesAfterDrive(String text, int from, int end) {
        List<Token> tokens = ShellTokens.of(text, from, end);
        for (int k = 1; k < tokens.size(); k++) {
            if (!tokens.get(k).value().startsWith("/")) {
                return false;
            }
        }
        return true;
    }

    /** {@code format C:}, {@code Format-Volume}, {@code Clear-Disk}. */
    static Hit windowsDisk(Spot s) {
        String text = s.text();
        String name = text.substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        int end = ShellSpan.commandEnd(text, s.end(), s.close(), false);
        boolean wipe;
        if (name.equals("format")) {
            wipe = text.regionMatches(true, s.end(), "-volume", 0, 7)
                    || s.commandPosition()
                            && DRIVE.matcher(text)
                                    .region(s.end(), Math.min(text.length(), s.end() + 8))
                                    .lookingAt()
                            && onlySwitchesAfterDrive(text, s.end(), end);
        } else {
            wipe = text.regionMatches(true, s.end(), "-disk", 0, 5);
        }
        return wipe ? Hit.shell(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG) : null;
    }
}
