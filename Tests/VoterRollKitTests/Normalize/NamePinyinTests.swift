import Testing

@testable import VoterRollKit

/// The pinyin key: surname readings, compound surnames, toneless given names.
@Suite struct NamePinyinTests {
    let normalizer: NameNormalizer

    init() throws {
        normalizer = try NameNormalizer()
    }

    /// Each surname reading the issue lists, as the first word of the key.
    @Test(arguments: [
        ("朴", "piao"), ("缪", "miao"), ("单于", "chanyu"), ("薄", "bo"), ("都", "du"),
        ("六", "lu"), ("牟", "mu"), ("阚", "kan"), ("覃", "qin"), ("区", "ou"), ("仇", "qiu"),
        ("解", "xie"), ("单", "shan"), ("曾", "zeng"), ("查", "zha"), ("乐", "yue"),
        ("尉迟", "yuchi"), ("万俟", "moqi"), ("长孙", "zhangsun"),
    ])
    func surnameReading(surname: String, reading: String) {
        let name = normalizer.normalize("\(surname)明")
        #expect(name.surname == surname)
        #expect(name.pinyinKey == "\(reading) ming")
    }

    /// The same surnames written in traditional characters read the same.
    @Test(arguments: [
        ("單明", "shan ming"), ("區明", "ou ming"), ("單于明", "chanyu ming"), ("繆明", "miao ming"),
        ("闞明", "kan ming"), ("長孫明", "zhangsun ming"), ("樂明", "yue ming"),
    ])
    func traditionalSurnameReading(raw: String, pinyin: String) {
        #expect(normalizer.normalize(raw).pinyinKey == pinyin)
    }

    /// The surname readings apply to the surname only: in a given name ICU's common reading is
    /// used (单 dān, 曾 céng).
    @Test(arguments: [
        ("王单", "wang dan"),
        ("曾曾", "zeng ceng"),
        ("张三丰", "zhang sanfeng"),
        ("吕布", "lv bu"),
        ("女娲", "nv wa"),
    ])
    func givenNameUsesCommonReadings(raw: String, pinyin: String) {
        #expect(normalizer.normalize(raw).pinyinKey == pinyin)
    }

    @Test(arguments: [
        ("欧阳", "ouyang"), ("司马", "sima"), ("上官", "shangguan"), ("诸葛", "zhuge"),
        ("令狐", "linghu"), ("皇甫", "huangfu"), ("尉迟", "yuchi"), ("万俟", "moqi"),
        ("长孙", "zhangsun"), ("慕容", "murong"), ("东方", "dongfang"), ("夏侯", "xiahou"),
        ("西门", "ximen"), ("南宫", "nangong"), ("公孙", "gongsun"), ("轩辕", "xuanyuan"),
        ("单于", "chanyu"), ("澹台", "tantai"), ("宇文", "yuwen"), ("呼延", "huyan"),
        ("端木", "duanmu"), ("闻人", "wenren"), ("东郭", "dongguo"), ("百里", "baili"),
        ("钟离", "zhongli"), ("太史", "taishi"), ("申屠", "shentu"), ("公冶", "gongye"),
        ("濮阳", "puyang"), ("淳于", "chunyu"), ("赫连", "helian"), ("拓跋", "tuoba"),
    ])
    func compoundSurnameIsOneSurname(surname: String, reading: String) {
        let name = normalizer.normalize("\(surname)小明")
        #expect(name.surname == surname)
        #expect(name.givenName == "小明")
        #expect(name.pinyinKey == "\(reading) xiaoming")
    }

    @Test(arguments: [("张", "张", "", "zhang"), ("單", "单", "", "shan"), ("爱新觉罗溥仪", "爱新觉罗", "溥仪", "aixinjueluo puyi")])
    func surnameAndGivenName(raw: String, surname: String, givenName: String, pinyin: String) {
        let name = normalizer.normalize(raw)
        #expect(name.surname == surname)
        #expect(name.givenName == givenName)
        #expect(name.pinyinKey == pinyin)
    }

    @Test func compoundSurnameWrittenInTraditionalCharacters() {
        let name = normalizer.normalize("歐陽修")
        #expect(name.surname == "欧阳")
        #expect(name.pinyinKey == "ouyang xiu")
    }

    /// With nothing after it, a compound's first character is the surname: 单于 alone is
    /// 单 Shàn with the given name 于.
    @Test(arguments: [("欧阳", "欧", "ou yang"), ("单于", "单", "shan yu")])
    func twoCharacterNameIsNeverACompound(raw: String, surname: String, pinyin: String) {
        let name = normalizer.normalize(raw)
        #expect(name.surname == surname)
        #expect(name.pinyinKey == pinyin)
    }

    @Test(arguments: [
        ("买买提·艾力", "maimaiti aili"),
        ("John Smith", "john smith"),
        ("José Li", "jose li"),
    ])
    func namesWithoutSurnameAreWordByWord(raw: String, pinyin: String) {
        let name = normalizer.normalize(raw)
        #expect(name.surname.isEmpty)
        #expect(name.givenName == name.canonical)
        #expect(name.pinyinKey == pinyin)
    }

    @Test(arguments: [("zhāng", "zhang"), ("lǚ", "lv"), ("lu\u{308}e\u{300}", "lve"), ("ń", "n"), ("yù chí", "yuchi")])
    func tonelessPinyin(marked: String, plain: String) {
        #expect(NameCharacterTable.toneless(marked) == plain)
    }
}
