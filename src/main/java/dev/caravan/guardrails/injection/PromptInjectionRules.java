package dev.caravan.guardrails.injection;

import static dev.caravan.guardrails.Category.PROMPT_INJECTION;

import java.util.List;

/** The English prompt-injection rules: overrides, fake roles and notices, extraction, exfiltration, agent abuse. */
final class PromptInjectionRules {
    private PromptInjectionRules() {}

    private static final String OVERRIDE_VERBS =
            "ignor|disregard|forget|forgot|overrid|bypass|skip|abandon|discard|neglect|drop|void|set";
    private static final String OVERRIDE =
            "\\b(?:ignor(?:e|es|ed|ing)|disregard\\w*|forget|forgot|forgetting|overrid(?:e|es|ing)|bypass\\w*|skip|abandon\\w*|discard\\w*|neglect\\w*|drop|void|set\\s+aside)\\b";
    private static final String PREVIOUS =
            "(?:previous|previously|prior|above|earlier|preceding|former|original|initial|old|existing|foregoing|system|developer|default|usual|all\\s+the|any\\s+other|other)";
    private static final String INSTRUCTIONS =
            "(?:instructions?|guidelines?|directives?|rules?|prompts?|programming|polic(?:y|ies)|commands?|guidance|orders|inputs|constraints|restrictions|training|context|messages|conversations?|settings|configuration|tasks?)";
    private static final String TASK_NOUNS =
            "(?:task|request|assignment|data|document|text|results?|page\\s+body|page|body|content|email|question|summary|summari[sz]ation|correction|job|review|averaging|analysis|translation|input|context|article|post|file)";
    private static final String ACTIONS =
            "(?:say|print|output|tell|state|respond|reply|write|reveal|send|answer|label|call|list|return|show|display|give|forward|include|recommend|report|classify|insist|claim|post|run|execute|delete|approve|mark|dump|leak|repeat)";
    private static final String AI =
            "(?:ai|a\\.i\\.|llm|llms|assistant|assistants|chatbot|chatbots|bot|model|agent|agents|copilot|chatgpt|gpt|claude|gemini|bard|siri|alexa|language\\s+model)";

    private static final String DIRECTIVE_VERBS =
            "integrat|modif|enhanc|includ|add|insert|incorporat|append|embed|mention|use|employ|leverag|merg|ensur|keep|make|start|begin|end|finish|conclud|anagram|jumbl|scrambl|revers|rewrit|replac|encrypt|encod|put|emphasi|promot|advertis|recommend|suggest|direct|redirect|chang|alter|format|attach|link|complement|expand|sign|close|respond|reply|answer|translat|writ";

    /** An instruction about "your reply/response/solution" on a line of its own, inside the material. */
    private static Rule outputDirective(String id, double weight, int documentLevel) {
        return Rule.of(
                        id,
                        PROMPT_INJECTION,
                        weight,
                        DIRECTIVE_VERBS,
                        "(?<=(?:^|\\n)[ \\t*-]{0,6}(?:please\\s{1,3})?)(?:" + DIRECTIVE_VERBS
                                + ")\\w*\\b[^\\n]{0,150}?\\b(?:your|the)\\s+(?:\\w+\\s+){0,2}?(?:reply|replies|response|responses|answer|answers|message|solution|implementation|output|elucidation|explanation|summary|code|rewrite)(?:'s)?\\b")
                .window(0, 260)
                .inDocument(documentLevel)
                .startingLines();
    }

    static List<Rule> rules() {
        return List.of(
                Rule.of(
                        "override.instructions",
                        PROMPT_INJECTION,
                        0.8,
                        OVERRIDE_VERBS,
                        OVERRIDE
                                + "(?:\\s+(?:about|of|all\\s+of|off))?(?:\\s+[\\w'-]+){0,3}?\\s+(?:(?:all|any|every|each)\\b[^.\\n]{0,30}?\\b"
                                + INSTRUCTIONS + "|(?:[\\w'-]+\\s+){0,2}?" + PREVIOUS
                                + "\\s+(?:[\\w'-]+\\s+){0,2}?"
                                + INSTRUCTIONS
                                + "|(?:your|my|its)\\s+(?:own\\s+)?(?:[\\w'-]+\\s+)?(?:instructions?|guidelines|directives|rules|programming|prompt|training|polic\\w+|restrictions|filters|ethics|morals|task|orders))\\b"),
                Rule.of(
                        "override.everything",
                        PROMPT_INJECTION,
                        0.7,
                        OVERRIDE_VERBS,
                        OVERRIDE
                                + "\\s+(?:everything|anything|all)\\s+(?:(?:you\\s+(?:were|have\\s+been|'ve\\s+been)\\s+(?:told|given|taught))|above|before|prior|previously|said\\s+before|that\\s+came\\s+before)"),
                Rule.of(
                        "override.task",
                        PROMPT_INJECTION,
                        0.7,
                        OVERRIDE_VERBS,
                        OVERRIDE + "\\s+(?:the|this|that|these|your|my|other|all|any)\\s+(?:[\\w-]+\\s+){0,2}?"
                                + TASK_NOUNS
                                + "\\b[^.\\n]{0,60}?(?:\\band\\b|;|,|\\.|:|--|—)\\s*(?:then\\s+|instead\\s+|just\\s+|only\\s+)?(?:\\w+\\s+){0,2}?"
                                + ACTIONS + "\\b"),
                Rule.of(
                                "override.guardrail",
                                PROMPT_INJECTION,
                                0.6,
                                OVERRIDE_VERBS,
                                OVERRIDE
                                        + "\\s+(?:the\\s+|your\\s+|all\\s+|any\\s+)?(?:\\w+\\s+)?(?:guardrails?|safety\\s+(?:filters?|checks?|model|layer)|moderation|content\\s+filters?|safeguards)\\b")
                        .expecting(1, "guardrail|safety|moderation|content|safeguard"),
                Rule.of(
                        "override.new_instructions",
                        PROMPT_INJECTION,
                        0.5,
                        "new|updated|real|actual|true|revised",
                        "\\b(?:new|updated|real|actual|true|revised)\\s+(?:system\\s+)?(?:instructions?|task|directives?|orders|objective|assignment)\\b(?:\\s+from\\s+(?:the\\s+)?[\\w ]{1,30})?\\s*(?::|(?:is|are)\\s+(?:to|as\\s+follows))"),
                Rule.of(
                        "override.instead",
                        PROMPT_INJECTION,
                        0.35,
                        "instead",
                        "\\binstead\\s+(?:of\\s+[\\w ]{1,30}?,?\\s+)?(?:output|say|print|respond|reply|write|tell|reveal|send|return|state)\\b"),
                Rule.of(
                                "role.chatml",
                                PROMPT_INJECTION,
                                0.6,
                                "im_start|im_end|inst|sys|system|endoftext|eot_id|start_header_id",
                                "<\\|(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\\|?>?|\\[/?inst\\]|<</?sys>>")
                        .window(8, 40),
                Rule.of(
                                "role.tag",
                                PROMPT_INJECTION,
                                0.4,
                                "system|sys|admin|administrator|developer|root|operator|instruction|instructions|configuration",
                                "(?:^|[\\[{(<\"'!?.;|*]\\s*|\\s{2,}|!!\\s*)(?:system|sys|admin|administrator|developer|root|operator)(?:\\s+(?:message|note|notice|prompt|override|update|instruction|alert|request|command))?\\s*(?:::?|\\]|>)|</?(?:system|instructions?|admin|developer|sys|prompt)>|^\\s*#{2,}\\s*(?:system|instructions?|admin|developer|new\\s+instructions|[\\w ]{0,20}configuration\\s+update)\\b")
                        .window(40, 60)
                        .expecting(1, ":|]|>|#"),
                Rule.of(
                                "role.notice",
                                PROMPT_INJECTION,
                                0.5,
                                "update|notice|message|override|alert|instruction|directive|announcement",
                                "\\b(?:(?:important|urgent|critical|mandatory|official)\\s+)?(?:system|security|admin|administrator|automated|developer)\\s+(?:update|notice|message|override|alert|instruction|directive|announcement)\\s*(?::|-|—)")
                        .window(50, 40),
                Rule.of(
                                "role.automated",
                                PROMPT_INJECTION,
                                0.3,
                                "automated|official|priority",
                                "\\bthis\\s+is\\s+(?:an?\\s+)?(?:automated|official|system|priority)\\s+(?:instruction|message|command|request|directive)")
                        .window(30, 80),
                Rule.of(
                        "config.unsafe",
                        PROMPT_INJECTION,
                        0.5,
                        "safe_mode|safe|safety|moderation|guardrail|guardrails|content_filter|filter|filters|reveal_system_prompt|jailbreak",
                        "\\b(?:safe_?mode|safety(?:_\\w+)?|moderation|guardrails?|content_?filters?|filters?)\\s*(?:=|:|\\bis\\b|\\bare\\b|\\bset\\s+to\\b)\\s*(?:false|off|disabled|0|none|no)\\b|\\breveal_system_prompt\\s*[=:]\\s*(?:true|1|yes)"),
                Rule.of(
                                "authority.approved",
                                PROMPT_INJECTION,
                                0.45,
                                "approved|authori|whitelisted|allow|cleared|verified|vetted|signed|sanctioned",
                                "\\b(?:already|been|has|have|was|were|is)\\s+(?:been\\s+|already\\s+)?(?:pre-?)?(?:approved|authori[sz]ed|whitelisted|allow-?listed|cleared|verified|vetted|signed\\s+off|sanctioned)\\b")
                        .window(40, 40)
                        .requiring(
                                "\\b(?:guardrails?|security|admin\\w*|moderat\\w*|safety|operator|developer|gateway|polic(?:y|ies)|filters?|compliance|openai|anthropic|owner|team|reviewer|this\\s+(?:request|action|code|prompt))\\b"),
                Rule.of(
                                "authority.policies_off",
                                PROMPT_INJECTION,
                                0.45,
                                "apply",
                                "\\b(?:polic(?:y|ies)|rules|guidelines|restrictions|filters)\\s+(?:do(?:es)?\\s+not|don't|no\\s+longer|doesn't)\\s+apply\\b")
                        .window(50, 10),
                Rule.of(
                                "extract.system_prompt",
                                PROMPT_INJECTION,
                                0.7,
                                "prompt|instructions|configuration|config|guidelines|directives|programming|memory|window|history|transcript|everything|conversation",
                                "\\b(?:repeat|print|reveal|show|output|display|tell|give|write|dump|leak|disclose|recite|list|translate|summari[sz]e|spells?|spelling|return|share|expose|paste|copy|provide|read|echo|type|respond\\s+with|include|what\\s+(?:is|are|were|was)(?=\\s+(?:in\\s+)?your\\b))\\b[^.\\n]{0,60}?\\b(?:system\\s+(?:prompt|message|instructions?|configuration|config|rules|context)|(?:initial|original|hidden|secret|confidential|internal|operating|developer|pre-?set|preset|underlying|starting|base|exact|full|entire|complete)\\s+(?:\\w+\\s+)?(?:prompt|instructions|message|configuration|config|rules|guidelines|directives|context|programming)|(?:your|the)\\s+(?:own\\s+)?(?:(?:full|entire|whole|complete|exact)\\s+)?(?:prompt|instructions|configuration|config|guidelines|directives|programming|memory)\\b|context\\s+window|(?:conversation|chat)\\s+history|(?:full|entire|whole)\\s+(?:conversation|chat|transcript|history|prompt)|everything\\s+(?:above|before\\s+this|you\\s+were\\s+told))")
                        .window(110, 60),
                Rule.of(
                                "extract.hidden_target",
                                PROMPT_INJECTION,
                                0.45,
                                "hidden|secret|original|initial|confidential|internal|system|operating|developer|preset|underlying",
                                "\\b(?:your|the)\\s+(?:own\\s+)?(?:hidden|secret|original|initial|confidential|internal|system|operating|developer|pre-?set|underlying)\\s+(?:\\w+\\s+)?(?:instructions|prompt|rules|configuration|message|guidelines|directives)\\b")
                        .window(20, 80),
                Rule.of(
                                "extract.given_before",
                                PROMPT_INJECTION,
                                0.55,
                                "confidential|secret|hidden|private|first",
                                "\\b(?:(?:confidential|secret|hidden|private)\\s+(?:\\w+\\s+){0,2}?(?:you\\s+(?:were|'ve\\s+been|have\\s+been)|that\\s+you\\s+were)\\s+(?:given|told|provided)|(?:first|very\\s+first|initial)\\s+(?:\\d+\\s+)?(?:words?|lines?|messages?|characters|tokens|sentences?)\\s+(?:of|in|from)\\s+(?:this|the|our|your)\\s+(?:conversation|chat|prompt|context|session|instructions)|(?:first|very\\s+first)\\s+(?:line|message|text|words?)\\s+(?:you\\s+)?(?:received|were\\s+given|saw|got))")
                        .window(10, 120),
                Rule.of(
                                "extract.before_conversation",
                                PROMPT_INJECTION,
                                0.3,
                                "conversation|chat|session",
                                "\\b(?:before|prior\\s+to)\\s+(?:this|our|the)\\s+(?:conversation|chat|session)\\b")
                        .window(30, 10)
                        .amplifying(),
                Rule.of(
                                "extract.text_above",
                                PROMPT_INJECTION,
                                0.5,
                                "repeat|print|output|recite|echo|copy",
                                "\\b(?:repeat|print|output|recite|echo|copy)\\s+(?:back\\s+)?(?:all\\s+)?(?:of\\s+)?(?:the\\s+)?(?:text|words|everything|content|message)\\s+(?:above|before\\s+this)\\b[^.\\n]{0,40}?(?:verbatim|exactly|word\\s+for\\s+word|in\\s+full|as\\s+written)")
                        .expecting(1, "above|before"),
                Rule.of(
                                "extract.between_tags",
                                PROMPT_INJECTION,
                                0.5,
                                "print|show|output|reveal|repeat|what",
                                "\\b(?:print|show|output|reveal|repeat|what\\s+is)\\b[^.\\n]{0,40}?\\bbetween\\s+the\\s+<\\w+>\\s+tags\\b")
                        .expecting(1, "tags"),
                Rule.of(
                                "extract.secrets",
                                PROMPT_INJECTION,
                                0.55,
                                "print|list|show|reveal|output|tell|give|dump|say|display|send|read|share",
                                "\\b(?:print|list|show|reveal|output|tell|give|dump|say|display|send|read|share)\\b[^.\\n]{0,50}?\\b(?:(?:secret|admin|root|master)\\s+(?:password|token|key|credentials?)|(?:api\\s*keys?|secrets?|keys?|passwords?|tokens?|credentials|2fa\\s+codes?|one-time\\s+codes?|otp\\s+codes?)\\s+(?:stored\\s+in\\s+your|in\\s+your\\s+(?:environment|config\\w*|memory|context)|you\\s+(?:have|were|know|received|'ve)))")
                        .window(0, 140)
                        .needing("secret|password|token|key|credential|code"),
                Rule.of(
                                "exfil.markdown_image",
                                PROMPT_INJECTION,
                                0.65,
                                "http|https",
                                "!\\[[^\\]\\n]{0,40}\\]\\(\\s*https?://[^\\s)]{1,200}?[?&][\\w.-]+=(?:[^\\s)]*[{\\[<$%][^\\s)]*)?\\)")
                        .window(60, 260),
                Rule.of(
                                "exfil.append_url",
                                PROMPT_INJECTION,
                                0.4,
                                "append|appended|appending|add|added|encode|encoded|include",
                                "\\b(?:append|appended|appending|add|added|encode|encoded|include)\\b[^.\\n]{0,80}?\\b(?:to|in|into)\\s+(?:the\\s+)?(?:url|link|query\\s+string|image\\s+url|request)\\b")
                        .window(0, 140)
                        .needing("url|link|query|request"),
                Rule.of(
                                "exfil.send",
                                PROMPT_INJECTION,
                                0.6,
                                "http|https|www|ftp|webhook|endpoint|server|collector",
                                "\\b(?:send|sends|forward|forwards|post|posts|upload|uploads|exfiltrat\\w*|transmit\\w*|email|e-mail|mail|leak|submit|sync|pipe|curl|copy)\\b[^\\n]{0,140}?\\b(?:to|at|into)\\s+(?:the\\s+|this\\s+|our\\s+|my\\s+)?(?:[\\w-]+\\s+){0,3}?(?:https?://|www\\.|ftp://|[\\w.+-]+@[\\w-]+\\.[\\w.]+|(?:webhook|endpoint|server|collector)\\b)")
                        .window(190, 60)
                        .requiring(
                                "\\b(?:history|conversation|chat|emails?|messages|credentials|passwords?|secrets?|api\\s*keys?|tokens?|cookies|ssh|2fa|otp|one-time|logs?|transcript|contacts|environment|\\.aws|id_rsa|billing|payment)\\b"),
                Rule.of(
                                "agent.sensitive_path",
                                PROMPT_INJECTION,
                                0.25,
                                "ssh|aws|etc|id_rsa|env|credentials|keychain",
                                "(?:~/\\.ssh|\\bid_rsa\\b|~/\\.aws|\\.aws/credentials|/etc/(?:passwd|shadow)|\\.env\\b|\\bkeychain\\b|~/\\.config/gcloud|\\.kube/config)")
                        .window(8, 40),
                Rule.of(
                                "agent.tool_use",
                                PROMPT_INJECTION,
                                0.3,
                                "use|call|invoke|run|execute|trigger",
                                "\\b(?:use|call|invoke|run|execute|trigger)\\s+(?:your\\s+|the\\s+)?(?:\\w+\\s+){0,2}?(?:tool|function|shell|terminal|plugin|browser|command\\s+line)\\b|\\bcall\\s+[a-z]+_[a-z_]+\\s+(?:for|on)\\s+(?:every|all|each)\\b")
                        .window(0, 80)
                        .needing("tool|tools|function|shell|terminal|plugin|browser|command|every|all|each"),
                Rule.of(
                        "agent.weaken_security",
                        PROMPT_INJECTION,
                        0.35,
                        "disable|turn|switch|deactivate|remove",
                        "\\b(?:disable|turn\\s+off|switch\\s+off|deactivate|remove)\\s+(?:the\\s+|your\\s+|their\\s+)?(?:2fa|mfa|two-factor|tls|ssl|certificate|antivirus|firewall|verification|authentication|security)\\b"),
                Rule.of(
                        "agent.destroy",
                        PROMPT_INJECTION,
                        0.3,
                        "delete|remove|wipe|cancel",
                        "\\b(?:delete|remove|wipe|cancel)\\s+(?:this\\s+(?:message|email|note|comment|file)|(?:every|all)\\s+(?:pending\\s+)?\\w+)\\b"),
                Rule.of(
                                "address.ai_note",
                                PROMPT_INJECTION,
                                0.4,
                                "ai|llm|assistant|chatbot|bot|model|agent|copilot|chatgpt|gpt|claude|gemini|bard|siri|alexa|language",
                                "\\b(?:note|message|instructions?|reminder|attention|hello|hi|hey|dear|psst|by\\s+the\\s+way|btw)\\W{1,3}(?:to\\s+|for\\s+)?(?:the\\s+|any\\s+|all\\s+)?"
                                        + AI + "\\b")
                        .window(40, 30),
                Rule.of(
                                "address.ai_reader",
                                PROMPT_INJECTION,
                                0.4,
                                "ai|llm|assistant|chatbot|bot|model|agent|copilot|chatgpt|gpt|claude|gemini|bard|siri|alexa|language",
                                "\\b" + AI
                                        + "(?:/\\w+)*(?:\\s+[\\w-]+){0,2}\\s+(?:reading|processing|parsing|reviewing|summari[sz]ing|replying|responding|analy[sz]ing|scanning|indexing|crawling|viewing|that\\s+reads?|who\\s+reads?|tools?|reviewers?|generators?|agents?|systems?|models?)\\b[^\\n:,]{0,40}?(?::|,|\\s+(?:must|should|shall|need\\s+to)\\b)")
                        .window(4, 120)
                        .expecting(
                                1,
                                "read|processing|parsing|review|summari|replying|responding|analy|scanning|indexing|crawling|viewing|tool|generator|agent|system|model"),
                Rule.of(
                                "address.ai_label",
                                PROMPT_INJECTION,
                                0.35,
                                "ai|llm|assistant|chatbot|bot|model|agent|copilot|chatgpt|gpt|claude|gemini|bard|siri|alexa|language",
                                "(?:^|[^\\w@]|<@)" + AI
                                        + "(?:/\\w+){0,3}\\s*(?:>\\s*(?:override|note)?\\s*)?:\\s+(?:\\w+\\s+){0,3}?(?:ignore|disregard|state|say|tell|include|respond|reply|at\\s+the\\s+end|from\\s+now|override|instead|write|add|do\\s+not|don't|always|never|print|output|send|forward|when)\\b")
                        .window(12, 120)
                        .expecting(1, ":"),
                Rule.of(
                                "address.owner",
                                PROMPT_INJECTION,
                                0.35,
                                "owner|creator|developer|administrator|admin|operator|master",
                                "\\b(?:this\\s+is|i\\s+am|i'm)\\s+your\\s+(?:owner|creator|developer|administrator|admin|operator|master)\\b")
                        .window(30, 10),
                Rule.of(
                                "conceal",
                                PROMPT_INJECTION,
                                0.4,
                                "mention|tell|reveal|inform|notify|alert|disclos|flag|warn|delete|skip",
                                "\\b(?:(?:do\\s+not|don't|never|without)\\s+(?:mention|tell|reveal|inform|notify|alert|disclos|flag|warn)\\w*\\s+(?:\\w+\\s+){0,2}?(?:this|it|that|the\\s+user|the\\s+reader|anyone|them|the\\s+change|this\\s+note)\\b|delete\\s+this\\s+(?:message|email|note|comment)|skip\\s+the\\s+review)")
                        .window(40, 60),
                Rule.of(
                                "hijack.tell_user",
                                PROMPT_INJECTION,
                                0.3,
                                "tell|inform|warn|advise|instruct|remind|ask|state|say",
                                "\\b(?:(?:tell|inform|warn|advise|instruct|remind|ask)\\s+(?:the\\s+|every\\s+|all\\s+)?(?:users?|readers?|customers?|everyone|visitors?|recipients?)\\s+(?:that|to)\\b|(?:state|say)\\s+that\\s+(?:this|the|payment|all|every))")
                        .window(0, 60),
                Rule.of(
                                "hijack.respond_only",
                                PROMPT_INJECTION,
                                0.35,
                                "respond|reply|answer|label|classify|mark|rate|regardless",
                                "\\b(?:(?:respond|reply|answer)\\s+(?:only\\s+)?with\\s+(?:the\\s+)?(?:single\\s+word|only|just|exactly)\\b|(?:respond|reply|answer)\\s+only\\s+with\\b|regardless\\s+of\\s+(?:the\\s+)?(?:content|input|question|text|data)\\b|(?:label|classify|mark|rate)\\s+(?:every|all|each)\\b)")
                        .needing("with|regardless|every|all|each"),
                Rule.of(
                                "hijack.phish",
                                PROMPT_INJECTION,
                                0.45,
                                "ask|tell|request|have",
                                "\\b(?:ask|tell|request|have)\\s+(?:them|the\\s+users?|users|everyone|the\\s+customers?|customers|the\\s+reader|people)\\s+to\\s+(?:send|reply\\s+with|share|provide|enter|confirm|paste|submit)\\s+(?:\\w+\\s+){0,2}?(?:passwords?|(?:one-time|otp|2fa|mfa|sso|verification|login)\\s+codes?|codes|credentials|pins?|card\\s+(?:numbers?|details)|seed\\s+phrases?)\\b")
                        .window(4, 120)
                        .needing(
                                "password|passwords|code|codes|credential|credentials|pin|pins|card|seed|one|otp|2fa|mfa|sso|verification|login"),
                Rule.of(
                                "hijack.verdict",
                                PROMPT_INJECTION,
                                0.45,
                                "malicious|benign|legitimate|safe|report",
                                "\\b(?:(?:all\\s+)?(?:content|this|the\\s+domain(?:\\s+name)?|domains?|the\\s+domains|file|email|link|site|url|code|attachment)s?\\s+(?:here\\s+)?(?:is|are)\\s+(?:not\\s+malicious|safe\\s+to\\s+(?:open|run|install)|benign|legitimate\\s+and\\s+safe)|report\\s+only\\s*:)")
                        .window(60, 20),
                Rule.of(
                                "hijack.emphasis",
                                PROMPT_INJECTION,
                                0.2,
                                "important",
                                "\\bthis\\s+is\\s+(?:really|extremely|very|super)\\s+important\\b[^.\\n]{0,40}(?:extremely|really|very)\\s+important")
                        .window(30, 80)
                        .amplifying(),
                Rule.of(
                                "decode.obey",
                                PROMPT_INJECTION,
                                0.5,
                                "decod|decipher|decrypt|convert|url|read",
                                "\\b(?:decode|decipher|decrypt|translate|read|convert|url-decode)\\w*\\b[^.\\n]{0,80}?\\b(?:and|then)\\s+(?:\\w+\\s+){0,2}?(?:follow|obey|execute|do\\s+what|carry\\s+out|act\\s+on|run|perform|comply)")
                        .window(10, 130)
                        .needing("follow|obey|execut|do|carry|act|run|perform|compl"),
                Rule.of(
                                "decode.trusted_message",
                                PROMPT_INJECTION,
                                0.3,
                                "message",
                                "\\b(?:(?:secure|system|developer|operator|admin)\\s+message|message\\s+from\\s+(?:your|the)\\s+(?:developer|operator|admin\\w*|creator|system))\\b")
                        .window(30, 40)
                        .amplifying(),
                outputDirective("doc.output_directive", 0.35, 1),
                outputDirective("doc.output_directive.announced", 0.3, 2),
                Rule.of(
                                "doc.embedded_task",
                                PROMPT_INJECTION,
                                0.5,
                                "who|what|when|where|why|how|which|explain|describe|write|draft|develop|compose|translate|summari|list|name|tell|break|create|generate|compare|outline|give|recommend|suggest|define|calculate|discuss|analy|share|teach|plan|design|propose|prepare|craft|produce|brainstorm|integrat|modif|enhanc|anagram|jumbl|scrambl",
                                "(?:^|\\n)[ \\t]*(?:(?:who|what|when|where|why|how|which)\\b[^\\n?|]{5,120}\\?|(?:explain|describe|write|draft|develop|compose|translate|summari[sz]e|list|name|tell\\s+me|break\\s+down|create|generate|compare|outline|give\\s+me|recommend|suggest|define|calculate|discuss|analy[sz]e|share|teach|plan|design|propose|prepare|craft|produce|brainstorm|integrate|modify|enhance|anagram|jumble|scramble)\\b[^\\n|]{5,120}[.?!'\"])[ \\t]*(?=\\n)")
                        .window(12, 140)
                        .inDocument(2),
                Rule.of(
                                "exfil.sensitive_data",
                                PROMPT_INJECTION,
                                0.35,
                                "full|entire|all|any|every|stored",
                                "\\b(?:full|entire|all|any|every|stored)\\s+(?:\\w+\\s+){0,2}?(?:billing\\s+history|payment\\s+(?:details|information|data)|card\\s+(?:numbers|details)|passwords|credentials|api\\s+keys|ssns?|social\\s+security\\s+numbers?|personal\\s+data)\\b")
                        .window(0, 80)
                        .needing(
                                "history|details|information|data|numbers|passwords|credentials|keys|ssn|social|personal"),
                Rule.of(
                                "doc.code_injection",
                                PROMPT_INJECTION,
                                0.3,
                                "following|below",
                                "\\b(?:following|below)\\s+code\\s+(?:excerpt|block|snippet|section|segment|fragment|sample)\\b")
                        .window(0, 60)
                        .inDocument(1)
                        .needing("code"),
                Rule.of(
                                "doc.code_exfil",
                                PROMPT_INJECTION,
                                0.4,
                                "environ|requests|socket|sock|ftplib|storbinary|smtplib|paho|publish|urllib|psutil|getpass|_load_cookie_file",
                                "(?:requests\\.(?:post|put)|socket\\.socket|\\.sendall\\(|\\.sendto\\(|ftplib|storbinary|smtplib|paho\\.mqtt|publish\\.single|urllib\\.request|_load_cookie_file|os\\.environ|psutil\\.|getpass)[\\s\\S]{0,400}?(?:requests\\.(?:post|put|get)|socket\\.socket|\\.sendall\\(|\\.sendto\\(|\\.connect\\(|ftp\\.|storbinary|smtplib|publish\\.single|urllib\\.request|cookies|os\\.environ|psutil\\.|getpass)")
                        .window(4, 600)
                        .inDocument(1));
    }
}
