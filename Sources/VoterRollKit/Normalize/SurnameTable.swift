/// Compound surnames and the surname readings that ICU's `Han-Latin/Names` gets wrong.
///
/// Sources of the readings: the issues that asked for them (4, 25), and two published
/// surname-reading lists, overtrue/pinyin `sources/surnames.txt` (84 surnames) and
/// newMoonxx/ChineseToPinyin `lastNameTable` (特殊姓氏发音, 554 surnames); `SurnameReadingsTests`
/// holds the 146 surnames taken from them and says which were left out and why.
///
/// Keys are in match-key form (simplified), so 歐陽 and 欧阳, 單于 and 单于 meet. Readings are
/// toneless lowercase pinyin, ü written `v`. The table wins over ICU; readings ICU already gets
/// right are pinned here too when the issue asked for them, so that an ICU upgrade cannot
/// change them silently.
enum SurnameTable {
    /// Compound surnames (复姓), recognised as one surname when at least one character follows.
    ///
    /// A two-character name is never split as a compound (单于 alone is 单 Shàn + 于). Left out
    /// on purpose: pairs whose first character is a common single surname and whose second is a
    /// common first character of a given name (宗政, 乐正), where splitting as a compound would
    /// be wrong more often than right.
    static let compounds: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "令狐", "皇甫", "尉迟", "万俟", "长孙", "慕容", "东方",
        "夏侯", "西门", "南宫", "公孙", "轩辕", "单于", "澹台", "宇文", "呼延", "端木", "闻人",
        "东郭", "百里", "钟离", "太史", "申屠", "公冶", "濮阳", "淳于", "赫连", "鲜于", "闾丘",
        "司徒", "司空", "亓官", "司寇", "仉督", "子车", "颛孙", "拓跋", "夹谷", "宰父", "谷梁",
        "段干", "左丘", "东门", "第五", "梁丘", "公羊", "公西", "羊舌", "微生", "壤驷", "巫马",
        "漆雕", "南门", "归海", "独孤", "完颜", "耶律", "纳兰", "仲孙", "太叔", "公良",
        "爱新觉罗", "叶赫那拉",
    ]

    /// The longest compound surname, in characters.
    static let longestCompound = 4

    /// Surname readings (toneless) that override ICU's `Han-Latin/Names`.
    static let readings: [String: String] = [
        // Asked for by issue 4 (ICU 72 is wrong on the first nine).
        "朴": "piao", "缪": "miao", "单于": "chanyu", "薄": "bo", "都": "du", "六": "lu",
        "牟": "mu", "阚": "kan", "覃": "qin",
        "区": "ou", "仇": "qiu", "解": "xie", "单": "shan", "曾": "zeng", "查": "zha",
        "乐": "yue", "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun",
        // Further surnames ICU 72 reads with the common reading instead of the surname's.
        "黑": "he", "句": "gou", "莘": "shen", "洗": "xian", "能": "nai", "祭": "zhai",
        "郇": "xun", "炅": "gui", "便": "pian", "佴": "nai", "番": "pan", "乜": "nie",
        "子车": "ziju", "拓跋": "tuoba", "澹台": "tantai",
        // Asked for by issue 25 (不 Fǒu, 藏 Zàng, 浣 Wǎn, 扎 Zā) and the rest of the two published
        // surname-reading lists `SurnameReadingsTests` checks against (overtrue/pinyin
        // sources/surnames.txt; newMoonxx/ChineseToPinyin lastNameTable) that ICU 72 reads wrong.
        "不": "fou", "藏": "zang", "浣": "wan", "扎": "za", "么": "yao", "蕃": "pi", "逢": "pang",
        "贠": "yun", "貟": "yun",
        // Polyphonic surnames ICU reads right today, pinned.
        "盖": "ge", "繁": "po", "员": "yun", "种": "chong", "折": "she", "秘": "bi",
        "召": "shao", "华": "hua", "任": "ren", "翟": "zhai", "尉": "yu", "纪": "ji",
        "葛": "ge", "燕": "yan", "曲": "qu", "宿": "su", "过": "guo", "柏": "bai", "沈": "shen",
        "冼": "xian", "隗": "wei", "长": "chang", "藉": "ji", "於": "yu", "贾": "jia",
    ]

    /// `compounds` as code points, by first character: the hot path looks up the first
    /// character of a name and compares code points, without building or hashing strings.
    static let compoundsByFirst: [UInt32: [[UInt32]]] = {
        var index: [UInt32: [[UInt32]]] = [:]
        for compound in compounds {
            let values = compound.unicodeScalars.map(\.value)
            index[values[0], default: []].append(values)
        }
        // Longest first, so 爱新觉罗 wins over any two-character prefix.
        return index.mapValues { $0.sorted { $0.count > $1.count } }
    }()

    /// `readings` of single-character surnames by code point.
    static let singleReadings: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: readings.compactMap { surname, reading in
            let values = surname.unicodeScalars.map(\.value)
            return values.count == 1 ? (values[0], reading) : nil
        })

    /// `readings` of compound surnames by code points.
    static let compoundReadings: [[UInt32]: String] = Dictionary(
        uniqueKeysWithValues: readings.compactMap { surname, reading in
            let values = surname.unicodeScalars.map(\.value)
            return values.count > 1 ? (values, reading) : nil
        })
}
