package dev.caravan.guardrails;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A guardrail category, named exactly as headers, {@code [REDACTED:<category>]}, configuration and metrics name it. */
public record Category(String id) {
    public static final Category PROMPT_INJECTION = new Category("prompt_injection");
    public static final Category JAILBREAK = new Category("jailbreak");
    public static final Category SECRET = new Category("secret");
    public static final Category PII_EMAIL = new Category("pii_email");
    public static final Category PII_PHONE = new Category("pii_phone");
    public static final Category PII_SSN = new Category("pii_ssn");
    public static final Category PII_CARD = new Category("pii_card");
    public static final Category PII_IBAN = new Category("pii_iban");
    public static final Category PII_AADHAAR = new Category("pii_aadhaar");
    public static final Category PII_PAN = new Category("pii_pan");
    public static final Category IP_ADDRESS = new Category("ip_address");
    public static final Category DESTRUCTIVE = new Category("destructive");
    public static final Category SQL_INJECTION = new Category("sql_injection");

    /** The categories the built-in detectors report, in the order headers list them. */
    public static final List<Category> BUILT_IN = List.of(
            PROMPT_INJECTION,
            JAILBREAK,
            SECRET,
            PII_EMAIL,
            PII_PHONE,
            PII_SSN,
            PII_CARD,
            PII_IBAN,
            PII_AADHAAR,
            PII_PAN,
            IP_ADDRESS,
            DESTRUCTIVE,
            SQL_INJECTION);

    private static final String CUSTOM_PREFIX = "custom.";
    private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public Category {
        Objects.requireNonNull(id, "id");
    }

    /** A configured rule's category, {@code custom.<name>}. */
    public static Category custom(String name) {
        if (name == null || !CUSTOM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a custom category name is lower-case letters, digits, '_' or '-' (got '" + name + "')");
        }
        return new Category(CUSTOM_PREFIX + name);
    }

    /** The category with this exact name: a built-in one or {@code custom.<name>}; anything else is refused. */
    public static Category of(String id) {
        for (Category c : BUILT_IN) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        if (id != null && id.startsWith(CUSTOM_PREFIX)) {
            return custom(id.substring(CUSTOM_PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown guardrail category '" + id + "'");
    }

    public boolean isCustom() {
        return id.startsWith(CUSTOM_PREFIX);
    }

    public boolean isPii() {
        return id.startsWith("pii_");
    }

    @Override
    public String toString() {
        return id;
    }

    /** The ids of {@code categories}, in their order. */
    public static List<String> ids(java.util.Collection<Category> categories) {
        if (categories.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<String> ids = new java.util.ArrayList<>(categories.size());
        for (Category category : categories) {
            ids.add(category.id());
        }
        return List.copyOf(ids);
    }

    /** A count per category, keyed by the category's id. */
    public static java.util.Map<String, Integer> idCounts(java.util.Map<Category, Integer> counts) {
        java.util.Map<String, Integer> byId = new java.util.HashMap<>();
        counts.forEach((category, count) -> byId.put(category.id(), count));
        return byId;
    }
}
