import Testing

@testable import VoterRollKit

/// Ordering of published lists: surname strokes, or pinyin; stable.
@Suite struct NameOrderingTests {
    let normalizer: NameNormalizer

    init() throws {
        normalizer = try NameNormalizer()
    }

    private func ordered(_ raws: [String], _ order: NameOrdering.Order) throws -> [String] {
        try NameOrdering(order).sorted(raws) { normalizer.normalize($0) }
    }

    @Test func surnameStrokesOrderDingWangOuyang() throws {
        // 丁 2 strokes, 王 4, 欧 8.
        #expect(try ordered(["欧阳明", "王五", "丁一"], .strokes) == ["丁一", "王五", "欧阳明"])
    }

    @Test func surnameComesFirstThenGivenName() throws {
        // 欧 alone sorts before the compound 欧阳 whatever follows; then the given name.
        #expect(try ordered(["欧阳明", "欧静", "王五", "王二"], .strokes) == ["王二", "王五", "欧静", "欧阳明"])
    }

    @Test func traditionalAndSimplifiedSpellingsSortTogether() throws {
        #expect(try ordered(["張三", "丁一", "张三"], .strokes) == ["丁一", "張三", "张三"])
    }

    /// Equal keys keep their input order.
    @Test func tiesKeepInputOrder() throws {
        struct Voter {
            let name: String
            let row: Int
        }
        let voters = [Voter(name: "王五", row: 1), Voter(name: "丁一", row: 2), Voter(name: "王五", row: 3), Voter(name: "王 五", row: 4), Voter(name: "王五", row: 5)]
        let sorted = try NameOrdering(.strokes).sorted(voters) { normalizer.normalize($0.name) }
        #expect(sorted.map(\.row) == [2, 1, 3, 4, 5])
        let reversed = try NameOrdering(.strokes).sorted(Array(voters.reversed())) { normalizer.normalize($0.name) }
        #expect(reversed.map(\.row) == [2, 5, 4, 3, 1])
    }

    @Test func pinyinOrderUsesSurnameReadings() throws {
        // 单 as a surname is shan: after qian, before zhang (not first, as dan would be).
        #expect(try ordered(["张三", "单明", "钱七"], .pinyin) == ["钱七", "单明", "张三"])
    }

    @Test func pinyinOrderPutsShorterSurnameFirst() throws {
        #expect(try ordered(["欧阳明", "欧静"], .pinyin) == ["欧静", "欧阳明"])
    }

    @Test func pinyinTiesFallBackToStrokesThenInputOrder() throws {
        // 张 and 章 are both zhang san; 张 has 7 strokes, 章 11.
        #expect(try ordered(["章三", "张三", "章三"], .pinyin) == ["张三", "章三", "章三"])
    }

    @Test func namesWithoutSurnameSortByTheirFirstCharacter() throws {
        // 买 has 6 strokes: between 王 (4) and 欧 (8).
        #expect(try ordered(["欧阳明", "买买提·艾力", "王五"], .strokes) == ["王五", "买买提·艾力", "欧阳明"])
    }

    @Test func sortedIndicesOfNoNamesIsEmpty() throws {
        #expect(try NameOrdering().sortedIndices([]) == [])
    }
}
