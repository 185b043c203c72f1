@testable import AuditTerminal
import Foundation
import Shared
import Testing
import TextUI

/// The screens in Simplified Chinese, as a tablet with `LANG=zh_CN.UTF-8` shows them: the texts
/// come from the message catalogue, and every column still starts where it does in English
/// although each Chinese character takes two cells.
@Suite("Audit terminal screens in Chinese")
struct ChineseScreenTests {
    static let chinese = Language.fromEnvironment(environment: ["LANG": "zh_CN.UTF-8"])

    static func state(_ home: SeededHome, _ language: Language) throws -> AuditUIState {
        var state = try AuditScreenTests.state(home)
        state.language = language
        return state
    }

    /// The columns at which the cells of `row` hold the start of each of `texts`.
    static func columns(of texts: [String], in screen: ScreenBuffer, row: Int) -> [Int?] {
        var starts: [String: Int] = [:]
        var line = ""
        var cellOfIndex: [Int] = []
        for x in 0..<screen.width {
            guard let character = screen[x, row].character else { continue }
            cellOfIndex.append(x)
            line.append(character)
        }
        for text in texts {
            if let range = line.range(of: text) { starts[text] = cellOfIndex[line.distance(from: line.startIndex, to: range.lowerBound)] }
        }
        return texts.map { starts[$0] }
    }

    @Test("Today with LANG=zh_CN.UTF-8: Chinese labels, and the customer columns where English has them")
    func today() throws {
        #expect(Self.chinese == .simplifiedChinese)
        let home = try SeededHome()
        let screen = AuditScreenTests.draw(try Self.state(home, Self.chinese))
        try ScreenFixture.expect(screen, matches: "today-zh-80x24.txt")
        let text = ScreenFixture.text(of: screen)
        for label in ["今日", "待稽查 2", "已走访 1", "已更正 1", "冲突 1", "筛选：全部（f）", "搜索：", "已派发", "5 户", "稽查员 anna", "待发送 0", "无 GPS"] {
            #expect(text.contains(label), "shows \(label)")
        }
        let english = AuditScreenTests.draw(try AuditScreenTests.state(home))
        for (row, account) in [(4, "30000001"), (5, "30000002"), (6, "30000003"), (7, "30000004")] {
            let fields = [account, SeededHome.customers[row - 4].name, String(SeededHome.customers[row - 4].address.prefix(6)), "M-000\(row - 3)"]
            let inChinese = Self.columns(of: fields, in: screen, row: row)
            #expect(inChinese == Self.columns(of: fields, in: english, row: row), "row \(row) keeps its columns")
            #expect(inChinese == [4, 16, 39, 68], "row \(row): \(inChinese)")
        }
        for row in 0..<screen.height {
            #expect(DisplayWidth.of(screen.text(row: row)) == screen.width, "row \(row) fills exactly the screen's width")
        }
    }

    @Test("Record in Chinese: field names, the conflict's writers, the devices")
    func record() throws {
        let home = try SeededHome()
        var state = try Self.state(home, .simplifiedChinese)
        try AuditScreenTests.openRecord("cus-30000003", in: &state, home: home)
        let screen = AuditScreenTests.draw(state, width: 100, height: 30)
        try ScreenFixture.expect(screen, matches: "record-conflict-zh-100x30.txt")
        let text = ScreenFixture.text(of: screen)
        for label in ["用户 cus-30000003", "1 个字段有冲突", "户号*", "户名*", "电话", "设备（1）", "v 走访 · e 修改 · Esc 返回"] {
            #expect(text.contains(label), "shows \(label)")
        }
        // The value column starts at the same cell on every field row, whatever the width of the name.
        let valueColumn = RecordScreen.nameWidth + 3
        for row in 3..<12 where screen[valueColumn - 1, row].character == " " {
            #expect(screen[valueColumn, row].character != nil, "row \(row): no wide character straddles the value column")
        }
    }

    @Test("Help in Chinese lists every binding of the key table with its gestures")
    func help() throws {
        let home = try SeededHome()
        var state = try Self.state(home, .simplifiedChinese)
        state.screen = .help
        let screen = AuditScreenTests.draw(state, width: 160, height: 40)
        let text = ScreenFixture.text(of: screen)
        for binding in KeyMap.bindings {
            #expect(MessageCatalogue.entries[binding.summaryKey] != nil, "\(binding.summaryKey) is in the catalogue")
            #expect(text.contains(binding.summary(in: .simplifiedChinese)), "help lists \(binding.summaryKey)")
        }
        #expect(text.contains("Enter、轻触"))
        #expect(text.contains("所有界面"))
    }

    @Test("an error cut for the status bar is cut by columns, not characters")
    func briefByWidth() {
        struct Failure: Error, CustomStringConvertible { var description: String }
        let chinese = AuditTerminalApp.brief(Failure(description: String(repeating: "无法连接服务器", count: 10)))
        #expect(DisplayWidth.of(chinese) == 60)
        #expect(chinese.hasSuffix("…"))
        let english = AuditTerminalApp.brief(Failure(description: String(repeating: "x", count: 80)))
        #expect(DisplayWidth.of(english) == 60)
    }
}
