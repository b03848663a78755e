/// What names in a Chinese register look like: surnames by frequency, given names by sex and
/// generation, compound surnames, minority names with a middle dot, and the ways a name gets
/// written wrong (traditional characters, spaces, look-alike dots, digits, rare characters).
///
/// Every character in the pools is a standard simplified character that no normalisation
/// changes, so a clean name is its own canonical form and match key.
enum SynthNames {
    /// Surnames with their approximate share per 100,000 people (2020 census order).
    static let surnames: SynthWeighted<String> = SynthWeighted(
        [
            ("王", 7100), ("李", 7000), ("张", 6700), ("刘", 5400), ("陈", 4500), ("杨", 3100),
            ("黄", 2200), ("赵", 2000), ("吴", 1800), ("周", 1700), ("徐", 1300), ("孙", 1200),
            ("马", 1200), ("朱", 1100), ("胡", 1000), ("郭", 1000), ("何", 900), ("林", 900),
            ("高", 900), ("罗", 800), ("郑", 800), ("梁", 700), ("谢", 600), ("宋", 600),
            ("唐", 600), ("许", 500), ("韩", 500), ("邓", 500), ("冯", 500), ("曹", 500),
            ("彭", 500), ("曾", 500), ("肖", 500), ("田", 500), ("董", 500), ("潘", 400),
            ("袁", 400), ("蔡", 400), ("蒋", 400), ("余", 400), ("于", 400), ("杜", 400),
            ("叶", 400), ("程", 400), ("魏", 400), ("苏", 400), ("吕", 400), ("丁", 400),
            ("任", 400), ("卢", 300), ("姚", 300), ("沈", 300), ("钟", 300), ("姜", 300),
            ("崔", 300), ("谭", 300), ("陆", 300), ("范", 300), ("汪", 300), ("廖", 300),
            ("石", 300), ("金", 300), ("韦", 300), ("贾", 300), ("夏", 300), ("付", 300),
            ("方", 300), ("邹", 200), ("熊", 200), ("白", 200), ("孟", 200), ("秦", 200),
            ("邱", 200), ("侯", 200), ("江", 200), ("尹", 200), ("薛", 200), ("闫", 200),
            ("段", 200), ("雷", 200), ("龙", 200), ("黎", 200), ("史", 200), ("陶", 200),
            ("贺", 200), ("毛", 200), ("郝", 200), ("顾", 200), ("龚", 200), ("邵", 200),
            ("万", 200), ("武", 200), ("钱", 200), ("戴", 100), ("严", 100), ("孔", 100),
            ("向", 100), ("常", 100), ("汤", 100), ("康", 100), ("乔", 100), ("文", 100),
            ("单", 40), ("解", 30), ("仇", 20), ("区", 10), ("朴", 20), ("盖", 10), ("查", 20),
            // Compound surnames (复姓).
            ("欧阳", 30), ("司马", 8), ("上官", 8), ("诸葛", 6), ("司徒", 6), ("东方", 4),
            ("皇甫", 4), ("令狐", 3), ("慕容", 3), ("夏侯", 3),
        ])

    /// Characters of men's given names, the most used first (`givenCharacter` draws the first
    /// ones far more often, as real given names are: a few characters are very common, most
    /// are rare). With these pools a million people have about 37% distinct full names, as a
    /// real township register has about a third; the first 80 alone gave 12%, which made every
    /// cache of names look better than it is on real data (issue 18).
    static let maleCharacters = ordered("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林洋成建国文志海东峰亮晨阳博轩睿泽然航毅昊宏栋庆荣新春生祥德金广永胜利福贵兵忠山江振家子一天思嘉铭哲"
        + "彬炳昌诚承驰崇聪达德迪锋富钢皓瀚翰豪恒弘鸿桦晖嘉坚剑捷锦进晋靖敬钧竣骏楷康坤昆朗乐雷力立良烈霖麟隆路伦茂鸣楠培沛朋琦启谦勤青清秋权仁锐瑞森韶少升晟盛世守书舒树顺松腾添廷霆彤威巍维炜玮蔚武希曦翔啸晓信星兴雄修炫学勋延彦晏扬耀业屹奕逸义艺益翼胤英永友瑜雨禹玉昱煜元源远跃越运韵展湛章钊震正之智中州洲卓梓宗")
    /// Characters of women's given names, the most used first.
    static let femaleCharacters = ordered("芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪婷慧颖倩佳怡欣悦琪涵萱雨思晨妍诗梦可馨月婉玉凤洁莉琴云华莹丹露蕾薇瑶宁"
        + "爱安蓓碧冰彩璨婵楚春纯翠黛蝶冬朵娥芬菲芙馥歌格寒菡含好荷虹欢环蕙惠姬嘉娇锦瑾晶菊君珂岚澜莲灵凌柳璐曼蔓玫美萌米蜜妙茗沫楠妮凝盼佩绮千茜晴琼秋蓉融茹蕊瑞润姗珊淑舒爽霜素彤菀维文雯仙娴香湘小晓心星絮璇雅岩叶依仪宜艺亦逸茵音吟莺盈滢映咏优悠语钰育媛园圆芸之芝智紫")

    /// Simplified → traditional for characters of the pools that have a traditional form.
    static let traditional: [Character: Character] = [
        "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "孙": "孫",
        "马": "馬", "郑": "鄭", "许": "許", "韩": "韓", "邓": "鄧", "冯": "馮", "罗": "羅", "谢": "謝",
        "叶": "葉", "钱": "錢", "卢": "盧", "蒋": "蔣", "贾": "賈", "陆": "陸", "顾": "顧", "龚": "龔",
        "邹": "鄒", "苏": "蘇", "汤": "湯", "严": "嚴", "韦": "韋", "龙": "龍", "钟": "鍾", "欧": "歐",
        "阳": "陽", "伟": "偉", "强": "強", "军": "軍", "杰": "傑", "涛": "濤", "刚": "剛", "辉": "輝",
        "鹏": "鵬", "华": "華", "飞": "飛", "凯": "凱", "帅": "帥", "宁": "寧", "国": "國", "东": "東",
        "轩": "軒", "泽": "澤", "栋": "棟", "庆": "慶", "荣": "榮", "胜": "勝", "贵": "貴", "铭": "銘",
        "静": "靜", "丽": "麗", "艳": "艷", "兰": "蘭", "红": "紅", "颖": "穎", "悦": "悅", "梦": "夢",
        "诗": "詩", "凤": "鳳", "洁": "潔", "云": "雲", "莹": "瑩", "瑶": "瑤",
    ]

    /// Surnames that have a traditional form, for a name that must be written in traditional.
    static let traditionalSurnames: SynthWeighted<String> = SynthWeighted(
        [
            ("张", 6700), ("刘", 5400), ("陈", 4500), ("杨", 3100), ("黄", 2200), ("赵", 2000),
            ("吴", 1800), ("孙", 1200), ("马", 1200), ("郑", 800), ("罗", 800), ("谢", 600),
            ("许", 500), ("韩", 500), ("邓", 500), ("冯", 500), ("叶", 400), ("苏", 400),
            ("钱", 200), ("顾", 200), ("龙", 200),
        ])

    /// Uyghur names: the person's name, a middle dot, the father's name (买买提·艾力).
    static let uyghurMale = ["买买提", "艾力", "阿不都", "艾尔肯", "吐尔逊", "热合曼", "阿力木", "库尔班", "伊力哈木", "努尔兰"]
    static let uyghurFemale = ["古丽", "热依拉", "阿依古丽", "帕提古丽", "米娜瓦尔", "阿米娜", "祖丽皮亚", "迪丽拜尔"]
    static let uyghurFather = ["艾力", "买买提", "吐尔逊", "热合曼", "阿不都拉", "克里木", "艾则孜", "玉素甫", "依明", "哈力克"]

    /// Mongolian names, written whole with no surname.
    static let mongolianMale = ["巴特尔", "乌力吉", "额尔敦", "苏和", "朝鲁", "宝音"]
    static let mongolianFemale = ["其木格", "萨仁", "图雅", "乌云", "娜仁花"]

    /// The middle dot and the look-alikes DESIGN.md names (• ・ ･ ‧ ∙ ⋅ ．).
    static let middleDot: Character = "\u{00B7}"
    static let dotLookAlikes: [Character] = ["\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "\u{2219}", "\u{22C5}", "\u{FF0E}"]

    /// Characters outside GBK that people do have in their names (CJK Extensions B, C, E):
    /// 𠮷 and characters of the 2013 通用规范汉字表.
    static let rareCharacters: [String] = [0x20BB7, 0x2C317, 0x2CB2D, 0x2B5AE, 0x2C029, 0x2C62C].compactMap {
        Unicode.Scalar($0).map { String(Character($0)) }
    }

    /// Han characters as GB 18030-2005 wrote them, in the Private Use Area, with the standard
    /// character each stands for (GB 18030-2022; `GB18030PrivateUse`): one in the BMP, the
    /// others in Extension B.
    static let privateUseHan: [(privateUse: String, standard: String)] = [
        (0xE81E, 0x9FB4), (0xE816, 0x20087), (0xE817, 0x20089), (0xE831, 0x215D7), (0xE855, 0x241FE),
    ].compactMap { pair in
        guard let privateUse = Unicode.Scalar(pair.0), let standard = Unicode.Scalar(pair.1) else { return nil }
        return (String(Character(privateUse)), String(Character(standard)))
    }

    /// Private Use code points no standard maps: a vendor's own glyph for a name's character
    /// (above the ones GBK gives its user-defined area, so also outside GBK).
    static let unknownPrivateUse: [String] = [0xF000, 0xF1A0, 0xF8F0].compactMap { Unicode.Scalar($0).map { String(Character($0)) } }

    /// A Han name: surname and one or two characters (two more often for the young).
    static func hanName(male: Bool, birthYear: Int, random: inout SynthRandom, surname: String? = nil) -> String {
        let family = surname ?? surnames.draw(&random)
        let pool = male ? maleCharacters : femaleCharacters
        let twoCharacters = random.chance(birthYear >= 1980 ? 0.78 : 0.55)
        var name = family + givenCharacter(pool, &random)
        if twoCharacters { name += givenCharacter(pool, &random) }
        return name
    }

    /// A character of a given name, the pool's first ones most often (the fourth power of a
    /// uniform draw: the first tenth of the pool is drawn over half the time).
    static func givenCharacter(_ pool: [String], _ random: inout SynthRandom) -> String {
        let u = random.unit()
        return pool[min(pool.count - 1, Int(Double(pool.count) * u * u * u * u))]
    }

    /// The characters of `text` in order, each once.
    private static func ordered(_ text: String) -> [String] {
        var seen = Set<Character>()
        return text.filter { seen.insert($0).inserted }.map(String.init)
    }

    static func uyghurName(male: Bool, random: inout SynthRandom) -> String {
        random.pick(male ? uyghurMale : uyghurFemale) + String(middleDot) + random.pick(uyghurFather)
    }

    static func mongolianName(male: Bool, random: inout SynthRandom) -> String {
        random.pick(male ? mongolianMale : mongolianFemale)
    }

    /// The name with every character that has a traditional form written in it.
    static func traditionalForm(_ name: String) -> String {
        String(name.map { traditional[$0] ?? $0 })
    }

    /// Whether some character of the name has a traditional form.
    static func hasTraditionalForm(_ name: String) -> Bool {
        name.contains { traditional[$0] != nil }
    }

    /// The key names are compared by: no middle dot, no spaces (the clean names have no
    /// traditional characters, so nothing else changes).
    static func matchKey(_ name: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where scalar.value != NameCharacters.middleDot && !CellWhitespace.isWhitespace(scalar.value) {
            key.append(scalar)
        }
        return String(key)
    }
}
