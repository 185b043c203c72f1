import Testing
import TextUI

@Suite("Text table")
struct TextTableTests {
    @Test("columns are as wide as their widest cell in terminal cells: Chinese headings line up with digits")
    func columns() {
        var table = TextTable([.left, .right, .right])
        table.add(["", "已分配", "visited"])
        table.line("按稽查员")
        table.add(["王丽（2 个工单）", "3", "12"])
        table.add(["anna", "10", "0"])
        #expect(table.lines == [
            "                  已分配  visited",
            "按稽查员",
            "王丽（2 个工单）       3       12",
            "anna                  10        0",
        ])
        let ends = table.lines.filter { $0.hasSuffix("0") || $0.hasSuffix("2") || $0.hasSuffix("d") }.map { DisplayWidth.of($0) }
        #expect(Set(ends).count == 1, "every row ends in the same cell")
    }

    @Test("a left-aligned last column is not padded; a row may be shorter than the others")
    func noTrailingSpaces() {
        var table = TextTable([.left, .left], gap: " ")
        table.add(["电话：", "0921 555 0100"])
        table.add(["server:", "https://audit.example"])
        table.add(["x"])
        #expect(table.text == "电话：  0921 555 0100\nserver: https://audit.example\nx")
        #expect(TextTable.pad("王", to: 4) == "王  ")
        #expect(TextTable.pad("7", to: 3, .right) == "  7")
        #expect(TextTable.pad("wider", to: 2) == "wider")
    }
}
