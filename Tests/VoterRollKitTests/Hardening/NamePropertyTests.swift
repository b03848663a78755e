import Testing

@testable import VoterRollKit

/// Name canonicalisation is idempotent: the canonical form of a canonical form is itself, with
/// the same match key and pinyin key and nothing to report as normalised, over thousands of
/// generated names (seeded) mixing every kind of character the rules treat.
@Suite struct NamePropertyTests {
    static let seeds: [UInt64] = [21, 22, 23, 24, 25, 26]
    static let perSeed = 400

    /// Pieces names are made of, by kind.
    static let pools: [[String]] = [
        // Simplified surnames and given-name characters.
        Array("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单区仇解朴缪伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂").map(String.init),
        // Traditional forms, and standard characters ICU would wrongly simplify.
        Array("張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇魏呂盧鍾譚陸範龍賀顧龔錢嚴偉麗強軍濤華東學國進乾於著藉後徵昇陞姊麽").map(String.init),
        // Compound surnames, minority names, rare characters outside GBK.
        ["欧阳", "司马", "尉迟", "万俟", "诸葛", "上官", "买买提", "艾力", "阿不都", "热依汗", "𠮷", "㛃", "䶮", "𪚥"],
        // Middle dots and their look-alikes, and periods between Han runs.
        ["·", "•", "・", "･", "‧", "∙", "⋅", "．", ".", "。"],
        // White space of every kind, and invisible characters.
        [" ", "\u{3000}", "\u{00A0}", "\t", "  ", "\u{200B}", "\u{FEFF}", "\u{2060}", "\u{00AD}"],
        // Latin letters and digits, half- and full-width, with and without accents, and accents
        // on their own (after whatever came before).
        ["A", "li", "Wang", "Ｌｉ", "ＷＡＮＧ", "ｅ", "é", "e\u{0301}", "ü", "Ö", "0", "７", "ǖ", "\u{0301}", "\u{0308}"],
        // Stray symbols.
        ["(", ")", "-", "'", "?", "（", "）", "、", "*"],
    ]

    /// Most names are Han; the other kinds come in as people and software put them there.
    static func name(_ random: inout SynthRandom) -> String {
        var text = ""
        for _ in 0..<random.int(in: 1...7) {
            let kind = random.chance(0.6) ? random.pick([0, 0, 0, 1, 2]) : random.below(pools.count)
            text += random.pick(pools[kind])
        }
        return text
    }

    @Test(arguments: seeds)
    func canonicalisingACanonicalNameChangesNothing(seed: UInt64) throws {
        var random = SynthRandom(seed: seed)
        let names = try NameNormalizer(cacheLimit: 64)
        for _ in 0..<Self.perSeed {
            let raw = Self.name(&random)
            let once = names.normalize(raw)
            let twice = names.normalize(once.canonical)
            let context = "\(raw.debugDescription) → \(once.canonical.debugDescription) (seed \(seed))"
            #expect(twice.canonical == once.canonical, "\(context) → \(twice.canonical.debugDescription)")
            #expect(twice.matchKey == once.matchKey, "\(context): key \(once.matchKey.debugDescription) → \(twice.matchKey.debugDescription)")
            #expect(twice.pinyinKey == once.pinyinKey, "\(context): pinyin \(once.pinyinKey) → \(twice.pinyinKey)")
            #expect(!twice.issues.contains(.normalized), "\(context) is reported as normalised")
            #expect(once.issues.contains(.missing) == once.canonical.isEmpty, "\(context)")
            #expect(once.surname + once.givenName == once.canonical, "\(context)")
        }
    }

    /// The cache keeps a name's result, and a fresh normaliser agrees with it.
    @Test func aCachedNameIsTheNameComputedAfresh() throws {
        var random = SynthRandom(seed: 27)
        let cached = try NameNormalizer()
        let raws = (0..<300).map { _ in Self.name(&random) }
        for raw in raws { _ = cached.normalize(raw) }
        let fresh = try NameNormalizer(cacheLimit: 1)
        for raw in raws {
            let (a, b) = (cached.normalize(raw), fresh.normalize(raw))
            #expect(a.canonical == b.canonical && a.matchKey == b.matchKey && a.issues == b.issues, "\(raw.debugDescription)")
        }
    }
}
