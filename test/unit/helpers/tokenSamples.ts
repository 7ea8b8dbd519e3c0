// Held-out samples for the token-estimate calibration check (test/unit/tokenEstimate.test.ts).
// None of these was used to fit the weights in src/core/llm/tokenEstimate.ts: the inline texts were
// written for this test, and the files come from pinned dependencies the fit did not read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

/** The translated messages of one of TypeScript's localized diagnostic catalogues, as prose. */
function diagnostics(lang: string, chars = 8000): string {
  const table = JSON.parse(read(`node_modules/typescript/lib/${lang}/diagnosticMessages.generated.json`)) as Record<string, string>;
  return Object.values(table).join('\n').slice(0, chars);
}

const ENGLISH = `Switchboard keeps a conversation going when the network does not. When a provider answers with a rate-limit error, the request waits for as long as the provider asked and then tries again; when the provider is merely overloaded, it backs off for a random time that grows with each attempt, so that thousands of clients do not all come back at the same instant. Once the first words of an answer have arrived, nothing is retried: the text you already have stays on the screen, marked as interrupted, and you decide whether to continue it or to ask again.

My grandmother opens every window of the house each morning and lets the sun into the kitchen. Then she makes coffee, sits in the courtyard and reads the newspaper, while the neighbourhood cats wait patiently for their breakfast. In the afternoon we walk to the market together to buy fresh vegetables, bread and cheese. The stallholders all know her by name, and they always keep the best tomatoes aside for her. She says that a simple life is the most beautiful thing a person can own, and that patience opens every door.

The committee met on Thursday to discuss the proposed changes to the library's opening hours. Several members argued that longer evening hours would help students who work during the day, while others worried about the cost of additional staff. After a long debate, they agreed to run a three-month trial and to review the attendance figures before making a final decision.`;

const GREEK = `Κάθε πρωί η γιαγιά μου ανοίγει όλα τα παράθυρα του σπιτιού και αφήνει τον ήλιο να μπει στην κουζίνα. Μετά φτιάχνει καφέ, κάθεται στην αυλή και διαβάζει την εφημερίδα, ενώ οι γάτες της γειτονιάς περιμένουν υπομονετικά το πρωινό τους. Το απόγευμα πηγαίνουμε μαζί στην αγορά για να αγοράσουμε φρέσκα λαχανικά, ψωμί και τυρί. Οι πωλητές τη γνωρίζουν όλοι με το όνομά της και της κρατούν πάντα τις καλύτερες ντομάτες. Λέει ότι η απλή ζωή είναι το ομορφότερο πράγμα που μπορεί να έχει ένας άνθρωπος και ότι η υπομονή ανοίγει κάθε πόρτα.`;

const ARABIC = `في كل صباح تفتح جدتي جميع نوافذ البيت وتترك الشمس تدخل إلى المطبخ. ثم تعد القهوة وتجلس في الفناء لتقرأ الجريدة، بينما تنتظر قطط الحي فطورها بصبر. في المساء نذهب معًا إلى السوق لنشتري الخضروات الطازجة والخبز والجبن. يعرفها جميع البائعين باسمها ويحتفظون لها دائمًا بأفضل الطماطم. تقول جدتي إن الحياة البسيطة هي أجمل ما يملكه الإنسان، وإن الصبر مفتاح كل باب مغلق.`;

const HEBREW = `בכל בוקר סבתא שלי פותחת את כל חלונות הבית ונותנת לשמש להיכנס למטבח. אחר כך היא מכינה קפה, יושבת בחצר וקוראת את העיתון, בזמן שחתולי השכונה מחכים בסבלנות לארוחת הבוקר שלהם. אחר הצהריים אנחנו הולכים יחד לשוק כדי לקנות ירקות טריים, לחם וגבינה. כל המוכרים מכירים אותה בשמה ושומרים לה תמיד את העגבניות הטובות ביותר. היא אומרת שחיים פשוטים הם הדבר היפה ביותר שיש לאדם, ושסבלנות פותחת כל דלת.`;

const HINDI = `हर सुबह मेरी दादी घर की सारी खिड़कियाँ खोलती हैं और धूप को रसोई में आने देती हैं। फिर वह चाय बनाती हैं और आँगन में बैठकर अख़बार पढ़ती हैं, जबकि मोहल्ले की बिल्लियाँ धैर्य से अपने नाश्ते का इंतज़ार करती हैं। शाम को हम साथ में बाज़ार जाते हैं और ताज़ी सब्ज़ियाँ, रोटी और पनीर खरीदते हैं। सभी दुकानदार उन्हें उनके नाम से जानते हैं और हमेशा उनके लिए सबसे अच्छे टमाटर बचाकर रखते हैं। वह कहती हैं कि सादा जीवन इंसान की सबसे सुंदर दौलत है और धैर्य हर दरवाज़ा खोल देता है।`;

const THAI = `ทุกเช้าคุณยายของฉันจะเปิดหน้าต่างทุกบานในบ้านและปล่อยให้แสงแดดส่องเข้ามาในครัว จากนั้นท่านจะชงกาแฟ แล้วนั่งอ่านหนังสือพิมพ์ที่ลานบ้าน ขณะที่แมวในละแวกนั้นรอคอยอาหารเช้าอย่างอดทน ตอนเย็นเราไปตลาดด้วยกันเพื่อซื้อผักสด ขนมปัง และเนยแข็ง พ่อค้าแม่ค้าทุกคนรู้จักชื่อของท่านและเก็บมะเขือเทศที่ดีที่สุดไว้ให้ท่านเสมอ ท่านบอกว่าชีวิตที่เรียบง่ายคือสิ่งที่งดงามที่สุด และความอดทนจะเปิดประตูทุกบาน`;

const PYTHON = `import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class UsageRecord:
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    tags: list[str] = field(default_factory=list)

    def cost(self, prices: dict[str, tuple[float, float]]) -> float:
        """Cost in USD; prices are per million tokens."""
        inp, out = prices.get(self.model, (0.0, 0.0))
        return (self.input_tokens * inp + self.output_tokens * out) / 1_000_000


def load(path: Path) -> list[UsageRecord]:
    with path.open(encoding="utf-8") as fh:
        rows = json.load(fh)
    return [UsageRecord(**row) for row in rows if row.get("provider")]


if __name__ == "__main__":
    records = load(Path("usage.json"))
    total = sum(r.cost({"gpt-4o-mini": (0.15, 0.6)}) for r in records)
    print(f"{len(records)} requests, \${total:.4f}")
`;

const EMOJI = Array.from({ length: 12 }, (_, i) =>
  [`Thanks so much! 🎉 That fixed it on the first try 🚀`, `Can you also add tests? 🙏 The CI is red again 😅`, `Done ✅ — merged and deployed 🎈 see you tomorrow 👋`][i % 3],
).join('\n');

/** Deterministic JSON with numbers, dates and nesting, the shape of an API response or a log. */
function usageJson(): string {
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: `req_${(i * 7919).toString(36)}`,
    provider: ['openai', 'anthropic', 'gemini'][i % 3],
    model: ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'][i % 3],
    at: new Date(Date.UTC(2026, 10, 1 + (i % 28), i % 24, (i * 13) % 60)).toISOString(),
    usage: { input: 100 + ((i * 137) % 4000), output: 20 + ((i * 71) % 900), cached: i % 4 ? 0 : 512 },
    costUsd: Number((((i * 37) % 500) / 10_000).toFixed(4)),
    ok: i % 7 !== 0,
  }));
  return JSON.stringify(rows, null, 2);
}

export interface TokenSample {
  name: string;
  kind: 'prose' | 'code' | 'json' | 'non-latin' | 'other';
  text: string;
}

export function tokenSamples(): TokenSample[] {
  return [
    { name: 'English prose', kind: 'prose', text: ENGLISH },
    { name: 'Markdown (typescript README)', kind: 'prose', text: read('node_modules/typescript/README.md') },
    { name: 'TypeScript (src/core/llm/pipeline.ts)', kind: 'code', text: read('src/core/llm/pipeline.ts') },
    { name: 'TypeScript .d.ts (lib.es5)', kind: 'code', text: read('node_modules/typescript/lib/lib.es5.d.ts').slice(0, 20_000) },
    { name: 'Python', kind: 'code', text: PYTHON },
    { name: 'JSON (usage log)', kind: 'json', text: usageJson() },
    { name: 'JSON (package.json)', kind: 'json', text: read('package.json') },
    { name: 'German', kind: 'non-latin', text: diagnostics('de') },
    { name: 'Polish', kind: 'non-latin', text: diagnostics('pl') },
    { name: 'Russian', kind: 'non-latin', text: diagnostics('ru') },
    { name: 'Chinese', kind: 'non-latin', text: diagnostics('zh-cn') },
    { name: 'Japanese', kind: 'non-latin', text: diagnostics('ja') },
    { name: 'Korean', kind: 'non-latin', text: diagnostics('ko') },
    { name: 'Greek', kind: 'non-latin', text: GREEK },
    { name: 'Arabic', kind: 'non-latin', text: ARABIC },
    { name: 'Hebrew', kind: 'non-latin', text: HEBREW },
    { name: 'Hindi', kind: 'non-latin', text: HINDI },
    { name: 'Thai', kind: 'non-latin', text: THAI },
    { name: 'Chat with emoji', kind: 'other', text: EMOJI },
  ];
}
