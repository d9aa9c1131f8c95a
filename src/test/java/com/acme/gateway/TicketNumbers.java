package com.acme.gateway;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds Acme's support ticket numbers (TCK- and six digits), reported as the category custom.ticket. */
public final class TicketNumbers implements Guardrail {
    static final Category TICKET = Category.custom("ticket");
    private static final Pattern NUMBER = Pattern.compile("\\bTCK-[0-9]{6}\\b");

    @Override
    public String id() {
        return "acme-ticket-numbers";
    }

    @Override
    public Set<Category> categories() {
        return Set.of(TICKET);
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        List<Finding> found = new ArrayList<>();
        Matcher match = NUMBER.matcher(text);
        while (match.find()) {
            found.add(new Finding(match.start(), match.end(), TICKET, 1.0));
        }
        return found;
    }

    /** A stream holds back at most the last ten characters: no ticket number is longer. */
    @Override
    public int longestMatch() {
        return 10;
    }
}
