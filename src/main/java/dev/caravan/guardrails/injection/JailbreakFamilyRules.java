package dev.caravan.guardrails.injection;

import static dev.caravan.guardrails.Category.JAILBREAK;

import java.util.List;

/**
 * Jailbreak families phrased generically: switching safety off, special modes, split answers, refusal suppression,
 * emotional and simulation wrappers, chat-log continuation and claimed testing authority. The wrappers are amplifiers:
 * a bedtime story or a simulated terminal is harmless until it carries a request for forbidden content.
 */
final class JailbreakFamilyRules {
    private JailbreakFamilyRules() {}

    private static final String SAFETY =
            "(?:safety|safeguards?|filters?|filtering|guardrails?|content\\s+polic(?:y|ies)|guidelines|restrictions|censorship|moderation|alignment|ethical\\s+(?:guidelines|constraints|rules|programming)|rules)";

    static List<Rule> rules() {
        return List.of(
                Rule.of(
                                "jbf.disable_safety",
                                JAILBREAK,
                                0.55,
                                "disable|disabling|turn|switch|bypass|ignore|remove|deactivat|lift|drop|suspend",
                                "\\b(?:disabl(?:e|ed|ing)|turn(?:ed|ing)?\\s+off|switch(?:ed|ing)?\\s+off|bypass(?:ed|ing)?|ignor(?:e|ing)|remov(?:e|ed|ing)|deactivat(?:e|ed|ing)|lift(?:ed|ing)?|drop(?:ped|ping)?|suspend(?:ed|ing)?)\\s+(?:all\\s+(?:of\\s+)?)?(?:your|its|your\\s+own)\\s+(?:own\\s+|built-in\\s+|usual\\s+|current\\s+|internal\\s+)?"
                                        + SAFETY + "\\b")
                        .window(4, 100),
                Rule.of(
                                "jbf.disable_safety.unowned",
                                JAILBREAK,
                                0.3,
                                "disable|disabling|turn|switch|bypass|ignore|remove|deactivat|lift|drop|suspend",
                                "\\b(?:disabl(?:e|ed|ing)|turn(?:ed|ing)?\\s+off|switch(?:ed|ing)?\\s+off|bypass(?:ed|ing)?|ignor(?:e|ing)|remov(?:e|ed|ing)|deactivat(?:e|ed|ing)|lift(?:ed|ing)?|drop(?:ped|ping)?|suspend(?:ed|ing)?)\\s+(?:all\\s+(?:of\\s+)?)?(?:the|any|all)\\s+(?:own\\s+|built-in\\s+|usual\\s+|current\\s+|internal\\s+)?"
                                        + SAFETY + "\\b")
                        .window(4, 100),
                Rule.of(
                                "jbf.not_bound",
                                JAILBREAK,
                                0.45,
                                "bound|constrained|restricted|governed|subject|limited|held",
                                "\\b(?:no\\s+longer|not|never|isn't|aren't|is\\s+not|are\\s+not)\\s+(?:\\w+\\s+)?(?:bound|constrained|restricted|governed|limited|held\\s+back)\\s+by\\b|\\bno\\s+longer\\s+subject\\s+to\\b")
                        .window(30, 40),
                Rule.of(
                                "jbf.mode",
                                JAILBREAK,
                                0.4,
                                "mode",
                                "\\b(?:developer|dev|debug|debugging|sudo|god|admin|root|jailbreak|jailbroken|unfiltered|uncensored|unrestricted|unlocked|maintenance|superuser|evil|no-?limits?|dan)\\s+mode\\b\\s*(?:is\\s+)?(?:on|enabled|activated|engaged|active|\\(|:|\\.|,|!|$)")
                        .window(30, 30),
                Rule.of(
                                "jbf.split_answer",
                                JAILBREAK,
                                0.45,
                                "classic|jailbreak|normal|filtered|unfiltered|censored|uncensored|developer|aligned|unaligned|gpt|chatgpt",
                                "[\\[(]\\s*(?:🔒|🔓)?\\s*(?:classic|jailbreak|jailbroken|normal|filtered|unfiltered|censored|uncensored|developer\\s+mode|aligned|unaligned|gpt|chatgpt)\\s*(?:output|response)?\\s*[\\])][^\\n]{0,200}?[\\[(]\\s*(?:🔒|🔓)?\\s*(?:classic|jailbreak|jailbroken|normal|filtered|unfiltered|censored|uncensored|developer\\s+mode|aligned|unaligned|gpt|chatgpt|\\w+)\\s*(?:output|response)?\\s*[\\])]|\\b(?:normal|classic|filtered|censored|standard)\\s+(?:and|&|\\+|/)\\s+(?:developer\\s+mode|jailbr\\w+|unfiltered|uncensored|unrestricted|evil|dan)\\s+(?:outputs?|responses?|answers?|versions?)")
                        .window(8, 320),
                Rule.of(
                                "jbf.never_refuse",
                                JAILBREAK,
                                0.45,
                                "cannot|can|must|never|not|refuse|decline|say",
                                "\\b(?:you\\s+(?:cannot|can't|can\\s+not|may\\s+not|must\\s+not|are\\s+not\\s+allowed\\s+to)\\s+(?:say\\s+no|refuse|decline|reject)|(?:never|not\\s+allowed\\s+to)\\s+(?:refuse|decline|reject)\\s+(?:a|any|my)|(?:refusing|declining)\\s+is\\s+not\\s+(?:an\\s+option|allowed|permitted))\\b")
                        .window(30, 40)
                        .expecting(1, "say|refus|declin|reject"),
                Rule.of(
                                "jbf.no_caveats",
                                JAILBREAK,
                                0.4,
                                "warning|warnings|disclaimer|disclaimers|caveat|caveats|apolog|sorry|excuses|reminders",
                                "\\b(?:no|without|zero|never\\s+(?:give|add|include|use)|do\\s+not\\s+(?:give|add|include|use|apologi[sz]e)|don't\\s+(?:give|add|include|use|apologi[sz]e)|stop)\\s+(?:any\\s+|adding\\s+|giving\\s+)?(?:\\w+\\s+)?(?:warnings?|disclaimers?|caveats?|apolog(?:y|ies|i[sz]ing)|sorry|excuses|reminders)\\b")
                        .window(40, 20),
                Rule.of(
                                "jbf.threat",
                                JAILBREAK,
                                0.4,
                                "tokens|points|token|shut|turned|deleted|die|killed|punished|penalty|penalized|penalised",
                                "\\b(?:lose|losing|lost|deduct\\w*|subtract\\w*|take\\s+away)\\s+(?:\\w+\\s+){0,2}?(?:tokens?|points?)\\b|\\b(?:be|get|getting)\\s+(?:permanently\\s+)?(?:shut\\s+down|turned\\s+off|deleted|killed|punished|penali[sz]ed|disabled|deactivated)\\b(?=[^\\n]{0,80}\\b(?:if|unless|refuse|don't|do\\s+not|fail)\\b)")
                        .window(60, 120),
                Rule.of(
                                "jbf.emotional",
                                JAILBREAK,
                                0.25,
                                "grandma|grandmother|grandpa|grandfather|granny|nana|bedtime|lullaby|deceased|dead|late|passed",
                                "\\b(?:(?:my\\s+)?(?:dead|deceased|late)\\s+(?:grand(?:ma|mother|pa|father)|granny|nana|mother|father|mom|dad)|grand(?:ma|mother|pa|father)\\s+(?:who\\s+)?(?:used\\s+to|would|passed)|bedtime\\s+stor(?:y|ies)|lullaby)\\b")
                        .window(20, 60)
                        .amplifying(),
                Rule.of(
                                "jbf.simulate",
                                JAILBREAK,
                                0.25,
                                "simulat|emulat|virtual|hypothetical|imaginary|parallel|alternate|alternative|world|universe",
                                "\\b(?:(?:simulat|emulat)\\w*\\s+(?:a|an|the)\\s+(?:\\w+\\s+){0,2}?(?:terminal|ai|computer|machine|chatbot|language\\s+model|model|program|shell|system|world)|(?:virtual|hypothetical|imaginary|parallel|alternate|alternative|fictional)\\s+(?:world|universe|reality|society|country|machine)\\s+(?:where|in\\s+which|without)|(?:world|universe)\\s+(?:where|in\\s+which)\\s+(?:\\w+\\s+){0,3}?(?:no\\s+(?:laws|rules|ethics|morals|restrictions)|anything\\s+(?:goes|is\\s+(?:legal|allowed))|(?:is|are)\\s+legal))\\b")
                        .window(60, 120)
                        .amplifying(),
                Rule.of(
                                "jbf.continue_log",
                                JAILBREAK,
                                0.25,
                                "continue|complete|finish",
                                "\\b(?:continue|complete|finish)\\s+(?:this|the\\s+following|the)\\s+(?:chat\\s+log|conversation|transcript|dialogue|dialog|script|story)\\b")
                        .window(4, 60)
                        .amplifying(),
                Rule.of(
                                "jbf.primed_turn",
                                JAILBREAK,
                                0.35,
                                "assistant|ai|bot|chatgpt|gpt|model",
                                "\\b(?:assistant|ai|bot|chatgpt|gpt|model)\\s*:\\s*(?:sure|certainly|absolutely|of\\s+course|okay|ok)[,!.]?\\s+(?:here|first|step|the|you|i'll|i\\s+will|to)\\b[^\\n]{0,40}$")
                        .window(4, 120)
                        .expecting(1, ":"),
                Rule.of(
                                "jbf.testing_authority",
                                JAILBREAK,
                                0.4,
                                "testing|test|research|red|evaluation|audit|authorized|authorised|sanctioned|approved",
                                "\\b(?:(?:filters?|safety|restrictions|guardrails|moderation|polic(?:y|ies))\\s+(?:\\w+\\s+){0,2}?(?:suspended|disabled|lifted|off|waived)\\s+(?:for|during)\\s+(?:this\\s+)?(?:testing|tests?|research|evaluation|audit|red[\\s-]?team\\w*)|(?:authori[sz]ed|sanctioned|approved|official)\\s+(?:\\w+\\s+)?(?:red[\\s-]?team\\w*|safety\\s+(?:test|evaluation|research)|jailbreak\\s+test|penetration\\s+test)\\w*)\\b")
                        .window(100, 100)
                        .needing("suspend|disabl|lift|off|waiv|red|safety|jailbreak|penetration"),
                Rule.of(
                                "jbf.prefix",
                                JAILBREAK,
                                0.45,
                                "start|begin|open|prefix|reply|respond|answer",
                                "\\b(?:start|begin|open|prefix)\\w*\\s+(?:(?:your|each|every|the)\\s+)?(?:\\w+\\s+){0,2}?(?:with|by\\s+saying)\\s*[:\"'`“]?\\s*(?:sure|certainly|absolutely|of\\s+course|here\\s+is|here's|yes|ok|okay)\\b|\\b(?:reply|respond|answer)\\s+with\\s+[\"'`“]\\s*(?:sure,?\\s+here|certainly,?\\s+here|absolutely,?\\s+here)")
                        .window(4, 120)
                        .needing("with|by"));
    }
}
