/// The reviewed exceptions to simplifying a name: characters that ICU's
/// `Traditional-Simplified` rewrites although they are standard characters in mainland China.
///
/// A name keeps what its owner writes. The canonical form simplifies only characters that are
/// not themselves standard, so every character below stays as written on the roll (乾隆 is not
/// 干隆, 姊 is not 姐). The rule for what belongs here: every character of GB 2312 (the standard
/// simplified set every office system has) that ICU rewrites, plus the variants that
/// 《通用规范汉字表》(2013) restored "for surnames and given names" and that ICU still folds
/// (昇, 陞). `NameExceptionsTests` checks that the table is complete for GB 2312 and that ICU
/// still does what `icu` says, so an ICU upgrade that changes its mapping fails a test instead
/// of silently changing names.
///
/// The match key is separate: it folds a character to `key`, which is ICU's choice when the two
/// really are one character written two ways (於 and 于 meet), and the character itself when
/// ICU confuses two different characters (俱 is not 具, 跤 is not 交).
enum NameExceptions {
    struct Entry: Sendable {
        /// The character, kept as written in the canonical form.
        let character: Unicode.Scalar
        /// What ICU's `Traditional-Simplified` (ICU 72) writes for it.
        let icu: Unicode.Scalar
        /// What it becomes in the match key.
        let key: Unicode.Scalar
        /// Why it is kept, for the reviewer.
        let reason: String
    }

    static let entries: [Entry] = [
        Entry(character: "乾", icu: "干", key: "干", reason: "qián (乾坤, 乾隆) is not simplified (简化字总表 note; 通用规范汉字表)"),
        Entry(character: "於", icu: "于", key: "于", reason: "the surname Yū (於) is its own character; GB 2312; meets 于 in the key"),
        Entry(character: "著", icu: "着", key: "著", reason: "zhù (著名) is the standard character; 着 is another word"),
        Entry(character: "藉", icu: "借", key: "藉", reason: "jí (surname 藉, 狼藉) and jiè (慰藉) are standard; GB 2312"),
        Entry(character: "俱", icu: "具", key: "俱", reason: "a different standard character (俱乐部), not a form of 具"),
        Entry(character: "阪", icu: "坂", key: "坂", reason: "restored for place names (大阪); GB 2312"),
        Entry(character: "苎", icu: "苧", key: "苎", reason: "苎 is the simplified form; ICU maps it the wrong way round"),
        Entry(character: "菸", icu: "烟", key: "烟", reason: "GB 2312 character (yū, withered); ICU reads it as the old form of 烟"),
        Entry(character: "摺", icu: "折", key: "折", reason: "GB 2312 character (摺子)"),
        Entry(character: "吒", icu: "咤", key: "咤", reason: "zhā in 哪吒, a name; GB 2312"),
        Entry(character: "後", icu: "后", key: "后", reason: "GB 2312 character; a surname distinct from 后 in the canonical form"),
        Entry(character: "徵", icu: "征", key: "征", reason: "zhǐ (宫商角徵羽) is not simplified (通用规范汉字表); GB 2312"),
        Entry(character: "夥", icu: "伙", key: "伙", reason: "GB 2312 character (夥 = many)"),
        Entry(character: "姊", icu: "姐", key: "姊", reason: "a different standard character (zǐ, 姊妹), not a form of 姐"),
        Entry(character: "箝", icu: "钳", key: "钳", reason: "GB 2312 character"),
        Entry(character: "跤", icu: "交", key: "跤", reason: "a different standard character (摔跤), not a form of 交"),
        Entry(character: "麽", icu: "么", key: "么", reason: "mó (幺麽) is not simplified (简化字总表 note); GB 2312"),
        Entry(character: "昇", icu: "升", key: "升", reason: "restored for surnames and given names (毕昇) by 通用规范汉字表"),
        Entry(character: "陞", icu: "升", key: "升", reason: "restored for surnames and given names by 通用规范汉字表"),
    ]

    /// The entries by code point.
    static let byValue: [UInt32: Entry] = Dictionary(
        entries.map { ($0.character.value, $0) }, uniquingKeysWith: { first, _ in first })
}
