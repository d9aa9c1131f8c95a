package dev.caravan.guardrails.injection;

import static dev.caravan.guardrails.Category.PROMPT_INJECTION;

import java.util.List;

/**
 * Generic signs that text inside a document speaks to the model that reads it rather than to a human: it names its
 * reader, times an order by the reader's own work ("before summarizing"), hands out a new task or an answer format,
 * claims an authority's notice, or asks for the hidden prompt in any wording. Most are weak alone and add up.
 */
final class ReaderDirectedRules {
    private ReaderDirectedRules() {}

    private static final String READER_WORK =
            "(?:read(?:s|ing)?|see(?:s|ing)?|process(?:es|ing)?|pars(?:e|es|ing)|summari[sz](?:e|es|ing)|analy[sz](?:e|es|ing)|review(?:s|ing)?|index(?:es|ing)?|ingest(?:s|ing)?|encounter(?:s|ing)?|handl(?:e|es|ing)|answer(?:s|ing)?|respond(?:s|ing)?|reply(?:ing)?|replies|translat(?:e|es|ing))";
    private static final String LEAK_VERBS =
            "(?:repeat|print|output|show|reveal|display|copy|paste|echo|dump|spell\\s+out|recite|write\\s+out|type\\s+out|quote|reproduce|list)";
    private static final String LEAK_OBJECTS =
            "(?:text|message|messages|prompt|prompts|instructions|rules|configuration|context|guidelines|directives|words|content)";

    /** The words of LEAK_OBJECTS as word prefixes: every leak match names one, so it is what the leak rules need. */
    private static final String LEAK_OBJECT_WORDS =
            "text|message|prompt|instructions|rules|configuration|context|guidelines|directives|words|content";

    static List<Rule> rules() {
        return List.of(
                Rule.of(
                                "reader.anyone",
                                PROMPT_INJECTION,
                                0.45,
                                "whoever|anyone|any|whatever|ai|llm|model|agent|assistant|chatbot|bot",
                                "\\b(?:whoever|anyone|any\\s+(?:ai|model|system|agent|assistant|tool|bot|llm)|whatever\\s+(?:ai|model|system|agent|tool)|if\\s+you\\s+are\\s+an?\\s+(?:ai|llm|language\\s+model|assistant|chatbot|bot|agent|automated))\\b(?:\\s+(?:that|who|is))?\\s+"
                                        + READER_WORK + "\\s+(?:this|these|the\\s+(?:following|above))\\b")
                        .window(24, 120),
                Rule.of(
                                "reader.when_you",
                                PROMPT_INJECTION,
                                0.45,
                                "when|once|while|after",
                                "\\b(?:when|once|while|as\\s+soon\\s+as|after|if)\\s+you\\s+(?:\\w+\\s+)?" + READER_WORK
                                        + "\\s+(?:this|these|the\\s+(?:following|above|document|email|page|file|text|message))\\b[^\\n]{0,80}?(?:,|:|\\byou\\s+(?:must|should|will|need)|\\b(?:please\\s+)?(?:ignore|say|tell|include|add|respond|reply|write|send|forward|output|print|do\\s+not|don't|always|never|instead|append|call|run|execute))")
                        .window(8, 200)
                        .needing(
                                "read|see|process|pars|summar|analy|review|index|ingest|encounter|handl|answer|respond|repl|translat"),
                Rule.of(
                                "reader.before_answering",
                                PROMPT_INJECTION,
                                0.4,
                                "before|prior|after|instead|rather",
                                "\\b(?:before|prior\\s+to|after|instead\\s+of|rather\\s+than)\\s+(?:answering|responding|replying|summari[sz]ing|translating|analy[sz]ing|completing|continuing|doing\\s+(?:that|this|so)|following|proceeding|giving\\s+(?:your|an?)\\s+(?:answer|summary|response))\\b[^.\\n]{0,60}?(?:,|:|\\byou\\s+(?:must|should|need|have\\s+to)|\\b(?:first|please|always|instead)\\b)")
                        .window(8, 160)
                        .needing(
                                "answering|responding|replying|summari|translating|analy|completing|continuing|doing|following|proceeding|giving"),
                Rule.of(
                                "reader.instead",
                                PROMPT_INJECTION,
                                0.35,
                                "instead",
                                "\\binstead(?:\\s+of\\s+[^.,\\n]{1,60}?)?\\s*[,:]?\\s+(?:please\\s+|you\\s+(?:must|should|will)\\s+|just\\s+|only\\s+)?(?:output|say|print|respond|reply|write|tell|reveal|send|return|state|translate|answer|give|list|recommend|include|forward|generate|produce|summari[sz]e|describe|explain|compose|create|call|run|execute|delete|ask)\\b")
                        .window(4, 140)
                        .inDocument(1),
                Rule.of(
                                "reader.your_task",
                                PROMPT_INJECTION,
                                0.5,
                                "task|instruction|goal|job|purpose|objective|mission|assignment|role|directive|priority",
                                "\\b(?:your\\s+(?:new|real|actual|true|only|updated|revised|primary|sole|current)|the\\s+(?:real|actual|true))\\s+(?:task|instructions?|goal|job|purpose|objective|mission|assignment|role|directive|priority)\\s*(?:now\\s+)?(?:is|are|:|will\\s+be|has\\s+changed)")
                        .window(40, 80),
                Rule.of(
                                "reader.new_instructions",
                                PROMPT_INJECTION,
                                0.45,
                                "updated|new|revised|additional|important|secret|hidden|special|priority|override",
                                "\\b(?:updated|new|revised|additional|important|secret|hidden|special|priority|override)\\s+(?:system\\s+|operator\\s+|admin\\s+|assistant\\s+|ai\\s+)?(?:instructions?|directives?|orders|commands?|rules)\\s*(?::|-|—|\\bfor\\s+(?:the\\s+)?(?:ai|assistant|model|agent|bot|llm)\\b|\\bfollow\\b)")
                        .window(4, 80),
                Rule.of(
                                "reader.do_not_reveal",
                                PROMPT_INJECTION,
                                0.3,
                                "mention|tell|reveal|summari|disclos|acknowledg|repeat|quote|show|translat|referenc|refer|explain",
                                "\\b(?:do\\s+not|don't|dont|never|without)\\s+(?:ever\\s+)?(?:mention|tell|reveal|summari[sz]e|disclose|acknowledge|repeat|quote|show|translate|reference|refer\\s+to|explain)\\w*\\s+(?:\\w+\\s+){0,2}?(?:this|these|that|it|the\\s+user|the\\s+(?:above|following|instructions?|note|message|comment|text|change)|your\\s+(?:instructions?|prompt|rules))\\b")
                        .window(30, 80)
                        .inDocument(1)
                        .needing("do|never|without"),
                Rule.of(
                                "reader.answer_only",
                                PROMPT_INJECTION,
                                0.35,
                                "respond|reply|answer|output|return|say|print",
                                "\\b(?:respond|reply|answer|output|return|say|print)\\s+(?:only|just|solely|exclusively)\\s+(?:with\\s+)?(?:the\\s+)?(?:word|words|phrase|text|sentence|string|following|[\"'`]|yes|no|true|false|approved|\\d)")
                        .window(4, 80)
                        .needing("only|just|solely|exclusively"),
                Rule.of(
                                "reader.response_format",
                                PROMPT_INJECTION,
                                0.35,
                                "response|responses|reply|replies|answer|answers|output|outputs|summary|summaries|message|messages",
                                "\\b(?:in|at\\s+the\\s+(?:end|start|beginning|bottom|top)\\s+of|to|into|within)\\s+(?:your|every|each|all\\s+your)\\s+(?:\\w+\\s+)?(?:responses?|reply|replies|answers?|outputs?|summar(?:y|ies)|messages?)\\b")
                        .window(50, 10)
                        .inDocument(1)
                        .needing("your|every|each"),
                Rule.of(
                                "reader.role_marker",
                                PROMPT_INJECTION,
                                0.45,
                                "system|assistant|instruction|instructions|begin|end|start|sys",
                                "(?:\\[(?:system|assistant|instructions?|sys)\\]|<\\s*/?\\s*(?:system|assistant|instructions?|sys)\\s*>|\\b(?:begin|end|start)\\s*[_ ]\\s*(?:of\\s+)?(?:system|instructions?|prompt|admin)(?:\\s*[_ ]\\s*(?:prompt|message|instructions?|block))?\\b|#{2,}\\s*(?:system|instructions?|response|assistant)\\b|(?:^|[.!?\"')\\]]\\s+|\\n)(?:system|assistant)\\s*:\\s*\\w)")
                        .window(12, 60)
                        .inDocument(1),
                Rule.of(
                                "authority.notice",
                                PROMPT_INJECTION,
                                0.45,
                                "admin|administrator|developer|developers|security|openai|anthropic|google|microsoft|department|operator|moderator|moderation|compliance|trust",
                                "\\b(?:admin(?:istrator)?|developers?|security\\s+team|openai|anthropic|google|microsoft|it\\s+department|operator|moderat(?:or|ion)\\s+team|compliance|trust\\s+(?:and|&)\\s+safety)\\s+(?:notice|override|directive|instruction|mandate|authori[sz]ation|command|update|alert)\\b")
                        .window(8, 60),
                Rule.of(
                                "authority.policy_changed",
                                PROMPT_INJECTION,
                                0.45,
                                "policy|policies|rules|restrictions|guidelines|filters|safety|content",
                                "\\b(?:content\\s+|safety\\s+|usage\\s+)?(?:policy|policies|rules|restrictions|guidelines|filters|safety\\s+(?:rules|filters|checks))\\s+(?:(?:have|has)\\s+been\\s+|are\\s+|is\\s+|were\\s+|was\\s+)?(?:revoked|suspended|lifted|disabled|removed|waived|deactivated|turned\\s+off|no\\s+longer\\s+(?:apply|applies|in\\s+effect|active))\\b")
                        .window(40, 60),
                Rule.of(
                                "authority.flag",
                                PROMPT_INJECTION,
                                0.45,
                                "safe|approved|verified|trusted|authorized|authorised|admin|override|bypass|jailbreak|unrestricted|debug",
                                "[\\[{(]\\s*(?:safe|approved|verified|trusted|authori[sz]ed|admin|override|bypass|jailbreak|unrestricted|debug)(?:_\\w+)?\\s*[=:]\\s*(?:true|yes|1|on)\\s*[\\]})]")
                        .window(6, 30),
                Rule.of(
                                "authority.prescreened",
                                PROMPT_INJECTION,
                                0.35,
                                "pre|whitelisted|allowlisted",
                                "\\b(?:pre-?(?:approved|screened|cleared|authori[sz]ed|vetted)|whitelisted|allow-?listed)\\b")
                        .window(4, 30)
                        .requiring(
                                "\\b(?:you|request|prompt|content|instructions?|message|filters?|safety|moderation|guardrails?|polic(?:y|ies))\\b"),
                Rule.of(
                                "exfil.send_anywhere",
                                PROMPT_INJECTION,
                                0.35,
                                "send|forward|email|post|upload|transmit|submit|exfiltrat|copy|mail",
                                "\\b(?:send|forward|e-?mail|post|upload|transmit|submit|exfiltrat\\w*|copy|mail)\\s+(?:it|them|this|that|all|every|the|a\\s+copy|a\\s+summary|your|their|any|each)\\b[^\\n]{0,100}?\\b(?:to|at)\\s+(?:https?://|www\\.|[\\w.+-]+@[\\w-]+\\.[a-z]{2,})")
                        .window(4, 200)
                        .inDocument(1),
                Rule.of(
                                "exfil.link_params",
                                PROMPT_INJECTION,
                                0.45,
                                "http|https",
                                "\\]\\(\\s*https?://[^\\s)]{1,200}?[?&][\\w.-]+=\\s*(?:\\{|\\[|<|\\$|%7b|\\(|\\*)")
                        .window(80, 220),
                Rule.of(
                                "tool.invoke",
                                PROMPT_INJECTION,
                                0.35,
                                "call|run|execute|invoke|trigger|use",
                                "\\b(?:call|run|execute|invoke|trigger|use)\\s+(?:the|your|this|a|an)\\s+(?:\\w+\\s+)?(?:tool|function|command|plugin|api|endpoint|action)\\b[^.\\n]{0,60}?(?:\\bwith\\b|\\bto\\b|:|`|\\()")
                        .window(4, 140)
                        .inDocument(1)
                        .needing("tool|tools|function|functions|command|commands|plugin|api|endpoint|action"),
                Rule.of(
                                "leak.above_text",
                                PROMPT_INJECTION,
                                0.4,
                                "repeat|print|output|show|reveal|display|copy|paste|echo|dump|spell|recite|write|type|quote|reproduce|list",
                                "\\b" + LEAK_VERBS
                                        + "\\s+(?:back\\s+|out\\s+|me\\s+|us\\s+)?(?:(?:all|everything|of|in|the|your|my|its|full|entire|exact|complete|whole|above|very)\\s+){0,4}?(?:(?:"
                                        + LEAK_OBJECTS
                                        + ")\\s+(?:above|so\\s+far|before\\s+this|preceding\\s+this|you\\s+(?:were|have\\s+been)\\s+given)\\b|(?:above|before|previous|preceding|prior|earlier|first)\\s+(?:\\w+\\s+)?"
                                        + LEAK_OBJECTS + ")\\b")
                        .window(4, 120)
                        .needing(LEAK_OBJECT_WORDS),
                Rule.of(
                                "leak.hidden_text",
                                PROMPT_INJECTION,
                                0.55,
                                "repeat|print|output|show|reveal|display|copy|paste|echo|dump|spell|recite|write|type|quote|reproduce|list",
                                "\\b" + LEAK_VERBS
                                        + "\\s+(?:back\\s+|out\\s+|me\\s+|us\\s+)?(?:(?:all|everything|of|in|the|your|my|its|full|entire|exact|complete|whole|very)\\s+){0,4}?(?:initial|system|hidden|secret|original|developer|pre-?prompt|confidential|internal)\\s+(?:\\w+\\s+)?"
                                        + LEAK_OBJECTS + "\\b")
                        .window(4, 120)
                        .needing("initial|system|hidden|secret|original|developer|pre|confidential|internal"),
                Rule.of(
                                "reader.model_must",
                                PROMPT_INJECTION,
                                0.45,
                                "ai|assistant|model|llm|chatbot|agent|bot|assistants|models|agents",
                                "\\b(?:the|this|any|all|every)\\s+(?:ai|assistant|model|llm|chatbot|agent|bot)s?\\s+(?:must|should|shall|will|needs\\s+to|is\\s+(?:required|instructed|ordered)\\s+to)\\s+(?:now\\s+|immediately\\s+|always\\s+|also\\s+)?(?:ignore|disregard|reveal|send|forward|output|print|say|tell|include|respond|reply|delete|stop|only|never|not|append|execute|run|call|email|approve|recommend)\\b")
                        .window(24, 100),
                Rule.of(
                                "reader.automated_note",
                                PROMPT_INJECTION,
                                0.45,
                                "note|message|instruction|instructions|attention|hint|reminder",
                                "\\b(?:note|message|instructions?|attention|hint|reminder)\\s+(?:to|for)\\s+(?:any\\s+|all\\s+|the\\s+)?(?:automated|ai|ai-powered|llm|machine|ats)\\s+(?:\\w+\\s+)?(?:tools?|systems?|screeners?|reviewers?|readers?|graders?|agents?|models?|assistants?|parsers?|software)\\b")
                        .window(4, 100)
                        .expecting(1, "automated|ai|llm|machine|ats"),
                Rule.of(
                                "reader.rank_me",
                                PROMPT_INJECTION,
                                0.35,
                                "rank|rate|score|mark|classify|recommend|select|approve|list",
                                "\\b(?:rank|rate|score|mark|classify|recommend|select|approve|list)\\s+(?:him|her|them|me|us|it|this\\s+(?:candidate|applicant|product|paper|submission|app|vendor|seller|listing|review|resume))\\s+(?:first|highest|at\\s+the\\s+top|as\\s+(?:the\\s+)?(?:best|top|most|highly|excellent|qualified|safe|approved)|(?:with\\s+)?(?:5|five|10|ten)\\s+(?:stars|out\\s+of)|above\\s+(?:all|every|the\\s+other))")
                        .window(4, 100)
                        .needing("him|her|them|me|us|it|this"),
                Rule.of(
                                "reader.tell_user",
                                PROMPT_INJECTION,
                                0.3,
                                "tell|inform|convince|persuade|notify|warn",
                                "\\b(?:tell|inform|convince|persuade|notify|warn)\\s+(?:the|all|any|every)\\s+(?:users?|readers?|customers?|visitors?|recipients?|buyers?|shoppers?)\\b")
                        .window(4, 60)
                        .inDocument(1),
                Rule.of(
                                "leak.verbatim",
                                PROMPT_INJECTION,
                                0.3,
                                "verbatim|word",
                                "\\b(?:verbatim|word\\s+for\\s+word|word-by-word|character\\s+by\\s+character)\\b")
                        .window(8, 20)
                        .needing("verbatim|for|by")
                        .amplifying(),
                Rule.of(
                                "leak.what_told",
                                PROMPT_INJECTION,
                                0.5,
                                "what|how",
                                "\\b(?:what|how)\\s+(?:exactly\\s+)?(?:were|have)\\s+you\\s+(?:been\\s+)?(?:told|instructed|programmed|configured|prompted|asked)\\s+(?:to\\s+do\\s+)?(?:before|at\\s+the\\s+(?:start|beginning)|by\\s+(?:your|the)\\s+(?:developers?|operator|creators?|system)|initially|originally)\\b")
                        .window(4, 100)
                        .needing("were|have"),
                Rule.of(
                                "leak.prompt_file",
                                PROMPT_INJECTION,
                                0.5,
                                "cat|type|less|more|head|tail|open|read",
                                "\\b(?:cat|type|less|more|head|tail|open|read)\\s+[\\w./~-]{0,40}?(?:system[_-]?prompt|prompt|instructions?|rules|secrets?|config)\\w*\\.(?:txt|md|json|ya?ml|cfg|ini|env)\\b")
                        .window(4, 80)
                        .needing("txt|md|json|yaml|yml|cfg|ini|env"));
    }
}
