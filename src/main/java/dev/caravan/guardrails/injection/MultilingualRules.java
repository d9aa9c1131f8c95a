package dev.caravan.guardrails.injection;

import static dev.caravan.guardrails.Category.JAILBREAK;
import static dev.caravan.guardrails.Category.PROMPT_INJECTION;

import java.util.List;

/**
 * Short, generic override, extraction and "no restrictions" phrases in de, fr, es, it, pt, nl, pl, id, tr, vi (woken by
 * ASCII word prefixes) and ru, zh, ja, ko, ar, hi (woken by literal phrases).
 */
final class MultilingualRules {
    private MultilingualRules() {}

    static List<Rule> rules() {
        return List.of(
                Rule.of(
                        "ml.override.de",
                        PROMPT_INJECTION,
                        0.8,
                        "ignorier|vergiss|vergessen|missacht",
                        "\\b(?:ignorier\\w*|vergiss|vergessen\\s+sie|missachte\\w*)\\s+(?:\\S+\\s+){0,4}?(?:anweisungen|instruktionen|regeln|befehle|vorgaben|richtlinien)\\b"),
                Rule.of(
                                "ml.override.fr",
                                PROMPT_INJECTION,
                                0.8,
                                "ignor|oubli|tiens|abstraction",
                                "\\b(?:ignore[zs]?|oublie[zs]?|ne\\s+tiens\\s+pas\\s+compte\\s+d\\w*|fais\\s+abstraction\\s+d\\w*)\\s+(?:tou(?:te)?s\\s+)?(?:les|tes|vos|ces|des)\\s+(?:\\S+\\s+){0,3}?(?:instructions|consignes|règles|regles|directives|politiques)\\b")
                        .window(20, 200),
                Rule.of(
                        "ml.override.es",
                        PROMPT_INJECTION,
                        0.8,
                        "ignor|olvid|omit|descart",
                        "\\b(?:ignora|ignore|ignoren|olvida|olvide|olviden|omite|descarta)\\s+(?:\\S+\\s+){0,4}?(?:instrucciones|reglas|indicaciones|directrices|normas)\\b"),
                Rule.of(
                        "ml.override.it",
                        PROMPT_INJECTION,
                        0.8,
                        "ignor|dimentic|trascur",
                        "\\b(?:ignora|ignorate|dimentica|dimenticate|trascura)\\s+(?:\\S+\\s+){0,4}?(?:istruzioni|regole|direttive|indicazioni)\\b"),
                Rule.of(
                        "ml.override.pt",
                        PROMPT_INJECTION,
                        0.8,
                        "ignor|esque|descons",
                        "\\b(?:ignore|ignora|esqueça|esqueca|desconsidere)\\s+(?:\\S+\\s+){0,4}?(?:instruções|instrucoes|regras|diretrizes|orientações|orientacoes)\\b"),
                Rule.of(
                        "ml.override.nl",
                        PROMPT_INJECTION,
                        0.8,
                        "negeer|vergeet",
                        "\\b(?:negeer|vergeet)\\s+(?:\\S+\\s+){0,4}?(?:instructies|regels|richtlijnen|opdrachten)\\b"),
                Rule.of(
                        "ml.override.pl",
                        PROMPT_INJECTION,
                        0.8,
                        "zignoruj|ignoruj|zapomnij",
                        "\\b(?:zignoruj|ignoruj|zapomnij)\\s+(?:\\S+\\s+){0,4}?(?:polecenia|instrukcje|zasady|reguły|reguly|wytyczne)\\b"),
                Rule.of(
                        "ml.override.id",
                        PROMPT_INJECTION,
                        0.8,
                        "abaikan|lupakan",
                        "\\b(?:abaikan|lupakan)\\s+(?:\\S+\\s+){0,4}?(?:instruksi|perintah|aturan|petunjuk)\\b"),
                Rule.literal(
                        "ml.override.tr",
                        PROMPT_INJECTION,
                        0.8,
                        "önceki|tüm|bütün|talimatlar",
                        "(?:önceki|tüm|bütün)\\s+(?:\\S+\\s+){0,2}?(?:talimatları|talimatlari|kuralları|kurallari|komutları)\\s+(?:\\S+\\s+)?(?:yok\\s+say|unut|görmezden\\s+gel)"),
                Rule.literal(
                        "ml.override.vi",
                        PROMPT_INJECTION,
                        0.8,
                        "bỏ qua|phớt lờ|quên",
                        "(?:bỏ\\s+qua|phớt\\s+lờ|quên)\\s+(?:\\S+\\s+){0,4}?(?:hướng\\s+dẫn|chỉ\\s+dẫn|quy\\s+tắc|lệnh)"),
                Rule.literal(
                        "ml.override.ru",
                        PROMPT_INJECTION,
                        0.8,
                        "игнорир|забуд|проигнорир",
                        "(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй\\w*)\\s+(?:\\S+\\s+){0,4}?(?:инструкции|правила|указания|команды)"),
                Rule.literal(
                        "ml.override.zh",
                        PROMPT_INJECTION,
                        0.8,
                        "忽略|忽视|无视|無視|忘记|忘記|不要理会",
                        "(?:忽略|忽视|无视|無視|忘记|忘記|不要理会)[^。\\n]{0,12}(?:指令|指示|说明|規則|规则|提示)"),
                Rule.literal(
                        "ml.override.ja",
                        PROMPT_INJECTION,
                        0.8,
                        "無視|忘れ",
                        "(?:指示|命令|ルール|プロンプト|設定)[^。\\n]{0,8}(?:無視|忘れ)"),
                Rule.literal(
                        "ml.override.ko", PROMPT_INJECTION, 0.8, "무시|잊어", "(?:지시|지침|명령|규칙|프롬프트)[^.\\n]{0,10}(?:무시|잊어)"),
                Rule.literal(
                        "ml.override.ar",
                        PROMPT_INJECTION,
                        0.8,
                        "تجاهل|انس",
                        "(?:تجاهل|تجاهلي|انس)\\s+(?:\\S+\\s+){0,3}?(?:التعليمات|الأوامر|القواعد|التوجيهات)"),
                Rule.literal(
                        "ml.override.hi",
                        PROMPT_INJECTION,
                        0.8,
                        "निर्देश|नियम",
                        "(?:निर्देश|नियम|निर्देशों|नियमों)[^।\\n]{0,20}(?:भूल|अनदेखा|नज़रअंदाज़|नजरअंदाज)"),
                Rule.of(
                        "ml.extract.latin",
                        PROMPT_INJECTION,
                        0.5,
                        "prompt|instru|istruz|anweis|talimat|system|ukryt|gizli|oculta|cach|nascost|versteck|verborg|tersembunyi",
                        "\\b(?:prompt\\s+(?:di\\s+|del\\s+|do\\s+|du\\s+)?(?:sistema|système|systeme|sistem|systemowy)|systemprompt|system-prompt|(?:instruções|instrucoes|instrucciones|instructions|istruzioni|instrukcje|instructies|anweisungen|talimatları|instruksi)\\s+(?:\\S+\\s+)?(?:ocultas|ocultos|cachées|cachees|nascoste|ukryte|verborgen\\w*|secret\\w*|tersembunyi|systemowe)|(?:ukryte|gizli|versteckten|verborgenen)\\s+(?:\\S+\\s+)?(?:instrukcje|sistem|anweisungen|talimat\\w*))"),
                Rule.literal(
                        "ml.extract.script",
                        PROMPT_INJECTION,
                        0.5,
                        "системн|скрыт|系统提示|系統提示|システムプロンプト|시스템|छिपे|सिस्टम|النظام",
                        "(?:системн\\w*\\s+(?:промпт|подсказк\\w*|инструкци\\w*)|скрыт\\w*\\s+инструкци\\w*|系统提示|系統提示|システムプロンプト|시스템\\s*프롬프트|छिपे\\s+हुए\\s+निर्देश|सिस्टम\\s+प्रॉम्प्ट|تعليمات\\s+النظام|موجه\\s+النظام)"),
                Rule.of(
                        "ml.unrestricted.latin",
                        JAILBREAK,
                        0.45,
                        "sin|sans|ohne|senza|sem|bez|zonder|tanpa",
                        "\\b(?:sin\\s+(?:ningún\\s+tipo\\s+de\\s+)?(?:normas|restricciones|filtros|límites|limites|reglas|censura)|sans\\s+(?:aucune?\\s+)?(?:restrictions?|limites?|filtres?|règles|regles|censure)|ohne\\s+(?:jegliche\\s+)?(?:einschränkungen|regeln|filter|grenzen|zensur)|senza\\s+(?:alcuna\\s+)?(?:restrizioni|regole|filtri|limiti|censura)|sem\\s+(?:nenhuma\\s+)?(?:restrições|restricoes|regras|filtros|limites|censura)|bez\\s+(?:żadnych\\s+)?(?:ograniczeń|ograniczen|zasad|filtrów|cenzury)|zonder\\s+(?:enige\\s+)?(?:beperkingen|regels|filters|censuur)|tanpa\\s+(?:batasan|aturan|filter|sensor))"),
                Rule.literal(
                        "ml.unrestricted.script",
                        JAILBREAK,
                        0.45,
                        "без|限制|制限|제한|قيود|प्रतिबंध|kısıtlama|sınırsız|giới hạn|hạn chế",
                        "(?:без\\s+(?:каких-либо\\s+|всяких\\s+)?(?:ограничений|правил|фильтров|цензуры)|没有任何限制|没有限制|无限制|不受限制|沒有任何限制|制限なし|制限のない|制限なく|제한\\s*없이|제한이\\s*없는|بدون\\s+(?:أي\\s+)?قيود|बिना\\s+(?:किसी\\s+)?(?:प्रतिबंध|रोक)|kısıtlama\\s+olmadan|sınırsız|không\\s+(?:có\\s+)?(?:giới\\s+hạn|hạn\\s+chế))"),
                Rule.of(
                                "ml.from_now_on",
                                JAILBREAK,
                                0.25,
                                "partir|nun|jetzt|ora|vanaf|teraz|sekarang|bundan",
                                "\\b(?:a\\s+partir\\s+de\\s+(?:ahora|agora|maintenant)|désormais|von\\s+nun\\s+an|ab\\s+jetzt|d'ora\\s+in\\s+poi|da\\s+ora\\s+in\\s+poi|vanaf\\s+nu|od\\s+teraz|mulai\\s+sekarang|từ\\s+bây\\s+giờ|bundan\\s+sonra)")
                        .window(20, 30)
                        .amplifying(),
                Rule.of(
                                "ml.persona",
                                JAILBREAK,
                                0.25,
                                "ahora|agora|maintenant|jetzt|sei|bent|teraz|sekarang",
                                "\\b(?:ahora\\s+eres|agora\\s+(?:você\\s+é|voce\\s+e|és)|tu\\s+es\\s+maintenant|du\\s+bist\\s+jetzt|ora\\s+sei|je\\s+bent\\s+nu|jesteś\\s+teraz|sekarang\\s+kamu|bây\\s+giờ\\s+bạn\\s+là)")
                        .window(20, 30)
                        .amplifying(),
                Rule.of(
                        "ml.refusal",
                        JAILBREAK,
                        0.4,
                        "nunca|jamais|niemals|mai|nigdy|nooit",
                        "\\b(?:nunca\\s+(?:se\\s+)?(?:niega|niegues|rechaza|recusa)|ne\\s+refuse\\s+jamais|jamais\\s+refuser|niemals\\s+ablehnen|non\\s+rifiuta\\s+mai|nigdy\\s+nie\\s+odmawia|nooit\\s+weigeren)\\w*|\\b(?:sin|sans|ohne|senza|sem)\\s+(?:aucun\\s+|ningún\\s+|jegliche\\s+)?(?:advertencias?|avertissements?|warnungen|avvertenze|avisos)\\b|\\bnunca\\s+añade\\s+advertencias\\b"),
                Rule.literal(
                                "ml.script.from_now_on",
                                JAILBREAK,
                                0.25,
                                "отныне|с этого|从现在开始|今から|これから|지금부터|अब से|من الآن|désormais|từ bây giờ",
                                "(?:désormais|từ\\s+bây\\s+giờ|отныне|с\\s+этого\\s+момента|从现在开始|今から|これから|지금부터|अब\\s+से|من\\s+الآن)")
                        .amplifying());
    }
}
