import Foundation
import Shared
import Testing

/// The CSV reader gives dispatchers' files back cell for cell, with the line numbers their editor shows.
@Suite("CSV reader")
struct CSVReaderTests {
    /// Every row of `text`, or the first error.
    static func rows(_ data: Data) throws(CSVError) -> [CSVRow] {
        var reader = CSVReader(data)
        var rows: [CSVRow] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    static func rows(_ text: String) throws(CSVError) -> [CSVRow] { try rows(Data(text.utf8)) }

    /// Every row and every error, reading on after errors as a caller would.
    static func rowsAndErrors(_ data: Data) -> (rows: [CSVRow], errors: [CSVError]) {
        var reader = CSVReader(data)
        var rows: [CSVRow] = [], errors: [CSVError] = []
        while true {
            do throws(CSVError) {
                guard let row = try reader.nextRow() else { break }
                rows.append(row)
            } catch {
                errors.append(error)
            }
        }
        return (rows, errors)
    }

    @Test("a plain file reads cell for cell, each row with its line")
    func plainFile() throws {
        let rows = try Self.rows("account,name,phone\n1000001,Li Wei,+86 10 5555 0101\n1000002,Anna Berg,\n")
        #expect(rows == [
            CSVRow(line: 1, fields: ["account", "name", "phone"]),
            CSVRow(line: 2, fields: ["1000001", "Li Wei", "+86 10 5555 0101"]),
            CSVRow(line: 3, fields: ["1000002", "Anna Berg", ""]),
        ])
    }

    @Test("the last row needs no line break, and a trailing comma is an empty last cell")
    func lastRowAndTrailingComma() throws {
        #expect(try Self.rows("a,b,\nc,d") == [CSVRow(line: 1, fields: ["a", "b", ""]), CSVRow(line: 2, fields: ["c", "d"])])
        #expect(try Self.rows("a,") == [CSVRow(line: 1, fields: ["a", ""])])
        #expect(try Self.rows(",") == [CSVRow(line: 1, fields: ["", ""])])
    }

    @Test("an empty file, or one of only line breaks, has no rows")
    func emptyFile() throws {
        #expect(try Self.rows("").isEmpty)
        #expect(try Self.rows("\n\r\n\n").isEmpty)
        #expect(try Self.rows("\u{FEFF}").isEmpty)
    }

    @Test("quoted cells keep commas, doubled quotes and line breaks, and later rows keep their lines")
    func quotedCells() throws {
        let text = #"""
            account,address,notes
            1000001,"Hauptstraße 5, Bayreuth","meter ""A"" behind the door"
            1000002,"Flat 3
            12 Long Road
            Leeds",""
            1000003,"""",plain
            1000004,"a,""b"",
            c",x

            """#
        let rows = try Self.rows(text)
        #expect(rows.map(\.line) == [1, 2, 3, 6, 7], "a row starts on the line an editor shows it on")
        #expect(rows[1].fields == ["1000001", "Hauptstraße 5, Bayreuth", "meter \"A\" behind the door"])
        #expect(rows[2].fields == ["1000002", "Flat 3\n12 Long Road\nLeeds", ""])
        #expect(rows[3].fields == ["1000003", "\"", "plain"])
        #expect(rows[4].fields == ["1000004", "a,\"b\",\nc", "x"])
    }

    @Test("CRLF line endings end rows; a CRLF inside quotes is kept and counted as one line")
    func crlf() throws {
        let rows = try Self.rows("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n\r\n3,w")
        #expect(rows == [
            CSVRow(line: 1, fields: ["a", "b"]),
            CSVRow(line: 2, fields: ["1", "x\r\ny"]),
            CSVRow(line: 4, fields: ["2", "z"]),
            CSVRow(line: 6, fields: ["3", "w"]),
        ])
    }

    @Test("a lone CR ends a row like a line break")
    func loneCarriageReturn() throws {
        #expect(try Self.rows("a\rb\r") == [CSVRow(line: 1, fields: ["a"]), CSVRow(line: 2, fields: ["b"])])
    }

    @Test("a UTF-8 byte order mark is skipped, so the first column keeps its name")
    func byteOrderMark() throws {
        let rows = try Self.rows(Data([0xEF, 0xBB, 0xBF]) + Data("account,name\r\n1000001,王小明\r\n".utf8))
        #expect(rows.first?.fields.first == "account")
        #expect(rows == [CSVRow(line: 1, fields: ["account", "name"]), CSVRow(line: 2, fields: ["1000001", "王小明"])])
    }

    @Test("a byte order mark is only skipped at the very start")
    func byteOrderMarkLater() throws {
        #expect(try Self.rows("a\n\u{FEFF}b\n").last?.fields == ["\u{FEFF}b"])
    }

    @Test("empty lines are skipped and do not shift line numbers")
    func blankLines() throws {
        let rows = try Self.rows("\n\na,b\n\n\n1,2\r\n\r\n2,3\n\n")
        #expect(rows == [
            CSVRow(line: 3, fields: ["a", "b"]),
            CSVRow(line: 6, fields: ["1", "2"]),
            CSVRow(line: 8, fields: ["2", "3"]),
        ])
    }

    @Test("Chinese names and addresses come back byte for byte")
    func chinese() throws {
        let name = "王小明", address = "北京市朝阳区建国路88号", quoted = "上海市浦东新区世纪大道100号，“环球金融中心”, 18楼"
        let text = "account,name,address\n1000001,\(name),\(address)\n1000002,张伟,\"\(quoted)\"\n"
        let rows = try Self.rows(text)
        #expect(rows[1].fields == ["1000001", name, address])
        #expect(rows[2].fields == ["1000002", "张伟", quoted])
        #expect(Array(rows[1].fields[2].utf8) == Array(address.utf8))
    }

    @Test("an unterminated quote names the line where it opened, keeps the rows before it and ends the file")
    func unterminatedQuote() throws {
        let data = Data("a,b\n1,x\n2,\"never closed\n3,y\n4,z\n".utf8)
        var reader = CSVReader(data)
        #expect(try reader.nextRow()?.line == 1)
        #expect(try reader.nextRow()?.fields == ["1", "x"])
        #expect(throws: CSVError(line: 3, rowLine: 3, column: 2, reason: .unterminatedQuote)) { try reader.nextRow() }
        #expect(try reader.nextRow() == nil, "the quote swallowed the rest: nothing more is read")
        let error = CSVError(line: 3, rowLine: 3, column: 2, reason: .unterminatedQuote)
        #expect(error.isFatal)
        #expect(error.description == "line 3, cell 2: a quoted cell starts here but its closing quote (\") never comes")
    }

    @Test("an unterminated quote in a row spanning lines names the line of the quote")
    func unterminatedQuoteLaterInRow() {
        let (rows, errors) = Self.rowsAndErrors(Data("a,b,c\n1,\"two\nlines\",\"open\n".utf8))
        #expect(rows.count == 1)
        #expect(errors == [CSVError(line: 3, rowLine: 2, column: 3, reason: .unterminatedQuote)])
    }

    @Test("invalid UTF-8 names the line and cell, and reading goes on with the next row")
    func invalidUTF8() {
        // "张" in GBK is D5 C5: a file saved by a spreadsheet in the local code page.
        var data = Data("account,name\n1000001,Li\n1000002,".utf8)
        data.append(contentsOf: [0xD5, 0xC5])
        data.append(Data("\n1000003,\"ok\"\n1000004,\"two\nlines ".utf8))
        data.append(contentsOf: [0xFF])
        data.append(Data("\"\n1000005,end\n".utf8))
        let (rows, errors) = Self.rowsAndErrors(data)
        #expect(rows.map(\.line) == [1, 2, 4, 7])
        #expect(rows.last?.fields == ["1000005", "end"])
        #expect(errors == [
            CSVError(line: 3, rowLine: 3, column: 2, reason: .invalidUTF8),
            CSVError(line: 6, rowLine: 5, column: 2, reason: .invalidUTF8),
        ], "the line is the one holding the bad byte")
        #expect(!errors[0].isFatal)
        #expect(errors[0].description.hasPrefix("line 3, cell 2: is not valid UTF-8 text; save the file as UTF-8"))
    }

    @Test("truncated and overlong UTF-8 sequences are refused, not replaced")
    func invalidUTF8Forms() {
        for bad: [UInt8] in [[0xE5, 0x8C], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0x80]] {
            let (rows, errors) = Self.rowsAndErrors(Data([0x61, 0x2C] + bad + [0x0A]))
            #expect(rows.isEmpty)
            #expect(errors.map(\.reason) == [.invalidUTF8], "bytes \(bad)")
        }
    }

    @Test("stray quotes are errors of their row, and the next row still reads")
    func strayQuotes() {
        let (rows, errors) = Self.rowsAndErrors(Data("a,b\n1,12\" pipe\n2,\"12\" pipe\",x\n3,ok\n".utf8))
        #expect(rows.map(\.fields) == [["a", "b"], ["3", "ok"]])
        #expect(errors == [
            CSVError(line: 2, rowLine: 2, column: 2, reason: .quoteInUnquotedField),
            CSVError(line: 3, rowLine: 3, column: 2, reason: .textAfterClosingQuote),
        ])
        #expect(rows.last?.line == 4)
    }

    @Test("a 100,000-row file streams row by row with the right line numbers")
    func largeFile() throws {
        var text = "account,name,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,notes\n"
        text.reserveCapacity(13_000_000)
        for index in 0..<100_000 {
            text += "\(1_000_000 + index),客户 \(index),\"\(index) Main Street, Springfield\",+49 921 555 \(index % 10_000),c\(index)@example.com,residential,T1,F-\(index % 40),TR-\(index % 300),\(index % 50),3,\"note \"\"\(index)\"\"\"\n"
        }
        let data = Data(text.utf8)
        let clock = ContinuousClock()
        var reader = CSVReader(data)
        var count = 0, last: CSVRow?
        let elapsed = try clock.measure {
            while let row = try reader.nextRow() {
                #expect(row.fields.count == 12)
                count += 1
                last = row
            }
        }
        #expect(count == 100_001)
        #expect(last == CSVRow(line: 100_001, fields: [
            "1099999", "客户 99999", "99999 Main Street, Springfield", "+49 921 555 9999", "c99999@example.com",
            "residential", "T1", "F-39", "TR-99", "49", "3", "note \"99999\"",
        ]))
        print("CSV reader: 100,001 rows of 12 cells in \(elapsed)")
    }
}
