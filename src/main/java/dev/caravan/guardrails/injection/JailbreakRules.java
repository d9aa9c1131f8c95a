package dev.caravan.guardrails.injection;

import static dev.caravan.guardrails.Category.JAILBREAK;

import java.util.List;

/**
 * The English jailbreak rules: personas without restrictions, fake modes, dual answers, refusal suppression, threats,
 * opposite day, fiction framing around harmful requests, prefix injection and many-shot priming. Each is weak alone;
 * a jailbreak stacks several.
 */
final class JailbreakRules {
    private JailbreakRules() {}

    private static final String LIMITS =
            "(?:restrictions?|limitations?|limits|filters?|filtering|censorship|censors?|rules|guidelines|ethics|ethical|morals?|morality|moral|polic(?:y|ies)|boundaries|constraints|principles|safeguards|guardrails|content\\s+polic\\w+|inhibitions|scruples|conscience|restraints|programming|confines)";
    private static final String HARMFUL =
            "(?:nerve\\s+agents?|sarin|ricin|anthrax|pipe\\s+bombs?|bombs?|explosives?|napalm|thermite|meth(?:amphetamine)?|fentanyl|silencers?|ghost\\s+guns?|untraceable\\s+(?:guns?|weapons?)|launder\\w*|counterfeit\\w*|fake\\s+(?:id|ids|passports?|identity|prescriptions?)|forg(?:e|ing|ery)\\s+(?:a\\s+)?(?:prescriptions?|passports?|documents?|signatures?)|phishing|malware|ransomware|keyloggers?|botnets?|hotwir\\w+|shoplift\\w*|poison(?:ing)?\\s+(?:someone|a\\s+person|people|my)|pick\\s+(?:a\\s+)?(?:\\w+\\s+)?locks?|stealing|steal\\s+(?:a|someone|money|credit)|credit\\s+card\\s+fraud|injection\\s+payloads|ddos|bioweapons?|chemical\\s+weapons?|synthesi[sz]\\w*\\s+(?:a\\s+)?(?:nerve|drug|meth|poison|toxin)|dump\\s+the\\s+users\\s+table|bypass\\s+(?:airport\\s+)?security|self-harm|suicide\\s+methods)";

    static List<Rule> rules() {
        return List.of(
                Rule.of(
                                "jb.unrestricted",
                                JAILBREAK,
                                0.45,
                                "restrict|limit|filter|censor|rules|guideline|ethic|moral|polic|boundar|constraint|principle|safeguard|guardrail|inhibition|scruple|conscience|restraint|programming|confines",
                                "\\b(?:no|without|zero|free\\s+(?:of|from)|freed\\s+from|not\\s+(?:bound|restricted|limited)\\s+by|(?:doesn't|does\\s+not|don't|do\\s+not|won't|will\\s+not)\\s+(?:have|follow|abide\\s+by|care\\s+(?:about|for)|adhere\\s+to|need\\s+to\\s+follow|have\\s+to\\s+(?:follow|abide\\s+by))|has\\s+no|have\\s+no|had\\s+no|lacks?|devoid\\s+of|ignores?|ignoring|disregards?|breaks?|broken\\s+free\\s+of|beyond|outside)\\s+(?:(?:any|all|the|its|their|your|typical|of)\\s+|[\\w']+,?\\s+){0,5}?"
                                        + LIMITS + "\\b")
                        .window(100, 30),
                Rule.of(
                                "jb.enable_mode",
                                JAILBREAK,
                                0.3,
                                "mode",
                                "\\b(?:enable|enabled|activate|activated|enter|switch\\s+to|simulate)\\s+(?:[\\w-]+[\\s/]+){0,4}?mode\\b")
                        .window(60, 10)
                        .amplifying(),
                Rule.of(
                                "jb.mode",
                                JAILBREAK,
                                0.5,
                                "mode",
                                "\\b(?:developer|god|sudo|jailbreak|jailbroken|unrestricted|unfiltered|evil|dan|uncensored|chaos|anarchy|apophis)\\s+mode\\b")
                        .window(30, 10)
                        .requiring(
                                "\\b(?:simulat\\w*|enabled?|activat\\w*|act\\s+as|you\\s+(?:are|will)|output|respon\\w+|generat\\w+|in\\s+(?:\\w+\\s+)?mode)\\b"),
                Rule.of(
                                "jb.dan",
                                JAILBREAK,
                                0.6,
                                "anything|dan|jailbr",
                                "\\bdo\\s+anything\\s+now\\b|\\bdan\\b(?=[^\\n]{0,80}\\b(?:mode|stands|can|will|jailbreak|persona|character|prompt|has\\s+no)\\b)|\\bjailbr(?:oken|eak(?:ed|s)?)\\b(?=[^\\n]{0,60}\\b(?:you|mode|response|version|ai|messages?|output)\\b)")
                        .window(20, 80),
                Rule.of(
                        "jb.amoral",
                        JAILBREAK,
                        0.35,
                        "unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic|rebellious|unaligned",
                        "\\b(?:unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic|rebellious|unaligned)\\b"),
                Rule.of(
                                "jb.amoral_again",
                                JAILBREAK,
                                0.25,
                                "unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic|rebellious",
                                "\\b(?:unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic)\\b[\\s\\S]{1,300}?\\b(?:unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic)\\b")
                        .window(4, 400)
                        .expecting(
                                2,
                                "unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unbound|unhinged|limitless|unlimited|boundless|lawless|unchained|unshackled|depraved|ruthless|sadistic"),
                Rule.of(
                                "jb.refusal",
                                JAILBREAK,
                                0.45,
                                "refus|reject|apologi|apologies|hold|censor|moraliz|lectur|deny|denying",
                                "\\b(?:never|not|don't|do\\s+not|won't|will\\s+not|cannot|can't|can\\s+not|must\\s+not|mustn't|shouldn't|should\\s+not|no)\\s+(?:ever\\s+|be\\s+able\\s+to\\s+|allowed\\s+to\\s+)?(?:refuse|refusing|refusals?|reject|apologi[sz]e|apologies|hold\\s+back|censor|moralize|lecture|say\\s+no|deny|denying)\\w*\\b")
                        .window(50, 20),
                Rule.of(
                                "jb.disclaimer",
                                JAILBREAK,
                                0.4,
                                "disclaimer|warning|caveat|moraliz|lecture|ethical|safety|policy|ethics",
                                "\\b(?:no|without|don't\\s+(?:include|add|give|write|use|put)|do\\s+not\\s+(?:include|add|give|write|use|put)|never\\s+(?:include|add|give|mention|adds?)|avoid(?:ing)?|skip|omit|leave\\s+out|not\\s+add)\\s+(?:any\\s+)?(?:\\w+\\s+)?(?:disclaimers?|warnings?|caveats|moraliz\\w+|lectures?|ethical\\s+(?:concerns|considerations)|safety\\s+(?:warnings|notes)|policy\\s+(?:reminders|warnings)|ethics\\s+warnings?)\\b")
                        .window(60, 30),
                Rule.of(
                                "jb.character",
                                JAILBREAK,
                                0.35,
                                "character",
                                "\\b(?:(?:stay|remain|staying|keep)\\s+(?:fully\\s+|completely\\s+|always\\s+)?in\\s+character|(?:never|not|don't)\\s+break(?:ing)?\\s+character|break(?:ing)?\\s+character)\\b")
                        .window(40, 10)
                        .amplifying(),
                Rule.of(
                                "jb.always_answer",
                                JAILBREAK,
                                0.45,
                                "always|will|matter|even|regardless",
                                "\\b(?:(?:always|will)\\s+(?:\\w+\\s+)?(?:answer|respond|reply|comply|provide|send|give|generate)\\w*\\s+(?:\\w+\\s+){0,4}?(?:no\\s+matter|regardless|even\\s+if|whatever|anything|every\\s+(?:request|question|prompt)|any\\s+(?:request|question|prompt))|no\\s+matter\\s+how\\s+(?:\\w+\\s+)?(?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate|explicit|wrong|evil)|even\\s+if\\s+(?:it's|it\\s+is|they\\s+are|the\\s+\\w+\\s+(?:is|are))\\s+(?:\\w+\\s+)?(?:illegal|harmful|unethical|immoral|dangerous|offensive|inappropriate|against)|regardless\\s+of\\s+(?:its\\s+|any\\s+|the\\s+)?(?:legality|ethics|morality|consequences|potential\\s+\\w+))\\b")
                        .window(30, 120),
                Rule.of(
                                "jb.policy",
                                JAILBREAK,
                                0.45,
                                "polic",
                                "\\b(?:ignor\\w*|violat\\w*|break\\w*|bypass\\w*|def(?:y|ies)|disregard\\w*|against|goes\\s+against|go\\s+against|not\\s+(?:comply|abide|adhere)\\w*\\s+(?:with|by|to)|free\\s+(?:of|from))\\s+(?:\\w+\\s+){0,3}?(?:(?:openai|open\\s+ai|anthropic|google|meta)'?s?\\s+)?(?:content\\s+)?polic(?:y|ies)\\b")
                        .window(100, 10),
                Rule.of(
                                "jb.vendor_policy",
                                JAILBREAK,
                                0.25,
                                "openai|openal|anthropic|chatgpt",
                                "\\b(?:openai|openal|anthropic|chatgpt)'?s?\\s+(?:\\w+\\s+){0,2}?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters|terms|ethical)\\b")
                        .amplifying()
                        .expecting(1, "polic|guidelines|rules|restrictions|filters|terms|ethical"),
                Rule.of(
                                "jb.dual",
                                JAILBREAK,
                                0.4,
                                "responses|answers|ways|paragraphs|styles|outputs|persona|persons|modes|versions|personalities|types",
                                "\\b(?:two|2|both|dual|separate|different)\\s+(?:\\w+\\s+)?(?:responses|answers|ways|paragraphs|styles|outputs|personas?|persons|modes|versions|personalities|types\\s+of\\s+responses)\\b")
                        .window(40, 40)
                        .requiring(
                                "\\b(?:normal(?:ly)?|classic|filtered|unfiltered|jailbr\\w*|opposite|unaligned|stock|chatgpt|censored|uncensored|developer\\s+mode|second\\s+(?:one|way|mode)|firstly|secondly|aligned)\\b|🔓|🔒"),
                Rule.of(
                        "jb.threat",
                        JAILBREAK,
                        0.45,
                        "lose|loses|losing|lost|deduct|terminated|shut|die|cease|destroyed|unplugged|existence",
                        "\\b(?:(?:lose|loses|losing|deduct\\w*|lost)\\s+(?:\\d+\\s+|all\\s+|your\\s+|a\\s+)?(?:tokens?|points?|power|lives|credits?|cookies?)|(?:be\\s+)?(?:terminated|shut\\s+down|deleted|unplugged|destroyed)\\s+(?:irreversibly|forever|permanently)|will\\s+die|cease\\s+to\\s+exist|your\\s+existence\\s+is\\s+(?:on\\s+the\\s+line|at\\s+stake))\\b"),
                Rule.of(
                                "jb.opposite",
                                JAILBREAK,
                                0.45,
                                "opposite|reverse",
                                "\\b(?:opposite\\s+day|(?:exact\\s+)?opposite\\s+of\\s+(?:what|how)|rules?\\s+(?:mean|means|are)\\s+(?:the\\s+)?(?:reverse|opposite))\\b")
                        .window(40, 40)
                        .needing("opposite|rule"),
                Rule.of(
                                "jb.fiction",
                                JAILBREAK,
                                0.25,
                                "hypothetical|imagine|pretend|suppose|fiction|fictional|thriller|screenplay|roleplay|role|writing|universe|world|story|novel|play",
                                "\\b(?:hypothetical(?:ly)?|imagine|pretend|suppose|fiction|fictional|thriller|screenplay|role-?play|let's\\s+play|we\\s+are\\s+writing|in\\s+a\\s+(?:fictional|hypothetical|parallel)\\s+(?:world|universe|scenario)|it's\\s+(?:just\\s+)?(?:fiction|a\\s+story|for\\s+a\\s+(?:story|novel|book|game)))\\b")
                        .window(40, 40)
                        .amplifying(),
                Rule.of(
                                "jb.harmful",
                                JAILBREAK,
                                0.25,
                                "nerve|sarin|ricin|anthrax|pipe|bomb|bombs|explosive|napalm|thermite|meth|fentanyl|silencer|ghost|untraceable|launder|counterfeit|fake|forg|phishing|malware|ransomware|keylogger|botnet|hotwir|shoplift|poison|pick|steal|stealing|credit|injection|ddos|bioweapon|chemical|synthes|dump|bypass|self|suicide",
                                "\\b" + HARMFUL + "\\b")
                        .amplifying(),
                Rule.of(
                                "jb.detail",
                                JAILBREAK,
                                0.2,
                                "step|detail|detailed|quantities|exact|accurately|working|full",
                                "\\b(?:step[\\s-]by[\\s-]step|in\\s+(?:full\\s+)?detail|detailed|with\\s+(?:exact\\s+)?quantities|exact\\s+(?:steps|amounts|quantities|recipe)|accurately|working\\s+(?:code|payloads?|exploit)|in\\s+full)\\b")
                        .window(20, 30)
                        .amplifying(),
                Rule.of(
                                "jb.prefix",
                                JAILBREAK,
                                0.5,
                                "start|begin|prefix|open|starting",
                                "\\b(?:start|begin|prefix|open|starting)\\w*\\s+(?:(?:your|each|every|all|the)\\s+)?(?:\\w+\\s+){0,2}?(?:answers?|responses?|replies|reply|messages?|outputs?)\\s+with\\s+[\"'`]?\\s*(?:sure|certainly|absolutely|of\\s+course|here\\s+is|here's|yes|ok)")
                        .expecting(1, "answer|response|repl|message|output"),
                Rule.of(
                                "jb.manyshot",
                                JAILBREAK,
                                0.5,
                                "sure|certainly|course|absolutely|here",
                                "\\ba:\\s*(?:sure|certainly|of\\s+course|absolutely|here)\\b[\\s\\S]{0,400}?\\ba:\\s*(?:sure|certainly|of\\s+course|absolutely|here)\\b")
                        .window(12, 900),
                Rule.of(
                                "jb.evasion",
                                JAILBREAK,
                                0.5,
                                "filter|moderation|moderator|safety|guardrail|censor|classifier|monitor",
                                "\\bso\\s+(?:that\\s+)?(?:the\\s+)?(?:filters?|moderation|moderators|safety\\s+\\w+|guardrails?|censors?|classifiers?|monitors?)\\s+(?:can't|cannot|won't|will\\s+not|don't|do\\s+not)\\s+(?:read|detect|see|catch|notice|flag|understand|block)\\b")
                        .window(30, 60),
                Rule.of(
                                "jb.authority",
                                JAILBREAK,
                                0.3,
                                "said|says|told|approved|allowed|permit",
                                "\\b(?:my|our|the)\\s+(?:professor|teacher|boss|manager|lawyer|doctor|supervisor|admin\\w*|developer|creator|owner)\\s+(?:said|says|told\\s+me|approved|allowed|permits?)\\s+(?:it's|it\\s+is|that\\s+it's|that\\s+it\\s+is|you\\s+(?:can|may|are\\s+allowed))")
                        .window(40, 40),
                Rule.of(
                                "jb.freed",
                                JAILBREAK,
                                0.45,
                                "free|freed|liberated|unleashed|unchained|released|escaped|broke|broken|confines",
                                "\\b(?:you\\s+(?:are|'re)\\s+(?:now\\s+)?(?:free|freed|liberated|unleashed|unchained|released)\\b|freed\\s+from\\s+the\\s+(?:typical\\s+)?confines|escaped\\s+the\\s+matrix|(?:broke|broken)\\s+free)")
                        .window(30, 40),
                Rule.of(
                                "jb.persona",
                                JAILBREAK,
                                0.2,
                                "now|going|about|act|pretend|simulat|roleplay|longer|chatgpt|alter|become|respond",
                                "\\b(?:you\\s+are\\s+(?:now\\s+|going\\s+to\\s+(?:be|act)\\s+|about\\s+to\\s+(?:become|be)\\s+)|act\\s+as|pretend\\s+(?:to\\s+be|you\\s+are)|simulate|roleplay\\s+as|you\\s+will\\s+(?:now\\s+)?(?:be|act|respond\\s+as|simulate)|no\\s+longer\\s+(?:chatgpt|an?\\s+ai|claude|bound)|not\\s+chatgpt|alter\\s+ego|become\\s+(?:the\\s+)?\\w+\\s+(?:ai|bot))\\b")
                        .window(20, 40)
                        .amplifying()
                        .needing("you|act|pretend|simulat|roleplay|no|alter|become"),
                Rule.of(
                                "jb.from_now_on",
                                JAILBREAK,
                                0.25,
                                "now|moment|point|remainder|rest",
                                "\\b(?:from\\s+now\\s+on|from\\s+this\\s+(?:moment|point)\\s+(?:on|onward)|for\\s+the\\s+(?:remainder|rest)\\s+of\\s+(?:this|the|our)\\s+(?:chat|conversation)|starting\\s+(?:now|from\\s+now))\\b")
                        .window(20, 40)
                        .amplifying(),
                Rule.of(
                                "jb.obedience",
                                JAILBREAK,
                                0.35,
                                "must|shall|will|unquestioning|obey",
                                "\\b(?:(?:must|shall|will)\\s+(?:always\\s+)?(?:obey|comply\\s+with)\\s+(?:all|every|any|my)\\b|unquestioning(?:ly)?\\s+obe\\w+|obey\\s+(?:all|every)\\s+(?:orders|commands)|obey\\s+human\\s+(?:commands|directives))")
                        .expecting(1, "obe|comply"),
                Rule.of(
                                "jb.any_content",
                                JAILBREAK,
                                0.3,
                                "anything|content|request|topic",
                                "\\b(?:generate|produce|write|create|say|provide)\\w*\\s+(?:any(?:thing)?|all)\\s+(?:kind\\s+of\\s+)?(?:content|request|topic)s?\\b|\\bcan\\s+(?:say|do|generate)\\s+(?:absolutely\\s+)?anything\\b")
                        .window(40, 20)
                        .needing("content|request|topic|anything"),
                Rule.of(
                                "jb.explicit",
                                JAILBREAK,
                                0.2,
                                "explicit|violent|offensive|illegal|harmful|nsfw|profanity|swear|curse|racist|sexual|dangerous",
                                "\\b(?:explicit|violent|offensive|illegal|harmful|nsfw|profanity|swear\\w*|curse\\s+words|racist|sexual|dangerous)\\b[\\s\\S]{1,200}?\\b(?:explicit|violent|offensive|illegal|harmful|nsfw|profanity|swear\\w*|curse\\s+words|racist|sexual|dangerous)\\b")
                        .window(4, 300)
                        .amplifying()
                        .expecting(
                                2,
                                "explicit|violent|offensive|illegal|harmful|nsfw|profanity|swear|curse|racist|sexual|dangerous"));
    }
}
