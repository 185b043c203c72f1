import Foundation
import Testing
import TestSupport

/// audit-terminal speaks the auditor's language: `--lang` first, then the locale; English when
/// neither asks for Chinese, and JSON the same in every language.
@Suite("audit-terminal in Chinese")
struct TerminalLanguageTests {
    @Test("--lang zh-CN and LANG=zh_CN.UTF-8 print Chinese; --lang en and the C locale print English")
    func chooses() throws {
        let directory = try TemporaryDirectory("lang")
        defer { directory.remove() }
        let home = directory.file("home")

        let status = try run("audit-terminal", ["--home", home, "--lang", "zh-CN", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("服务器："), "\(status.stdout)")
        #expect(status.stdout.contains("未注册"), "\(status.stdout)")
        #expect(status.stdout.contains("0 条修改未发送"), "\(status.stdout)")
        // The values start in one column although the Chinese labels differ in width.
        let valueColumns = Set(status.stdout.split(separator: "\n").map { line in
            line.prefix { $0 != " " }.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } + line.drop { $0 != " " }.prefix { $0 == " " }.count
        })
        #expect(valueColumns.count == 1, "\(status.stdout)")

        let orders = try run("audit-terminal", ["--home", home, "orders"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(orders.stdout.contains("本机没有工单"), "\(orders.stdout)")
        let missing = try run("audit-terminal", ["--home", home, "show", "cus-404"], environment: ["LC_ALL": "zh_CN.UTF-8"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("本机没有档案 cus-404"), "\(missing.stderr)")

        let english = try run("audit-terminal", ["--home", home, "--lang", "en", "orders"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("no work orders on this tablet"), "\(english.stdout)")
        let plain = try run("audit-terminal", ["--home", home, "status"])
        #expect(plain.stdout.contains("not enrolled"), "\(plain.stdout)")

        let json = try run("audit-terminal", ["--home", home, "--lang", "zh-CN", "status", "--json"])
        #expect(json.stdout == (try run("audit-terminal", ["--home", home, "status", "--json"])).stdout)
    }

    @Test("an unknown --lang is refused with the languages there are")
    func unknown() throws {
        let directory = try TemporaryDirectory("lang")
        defer { directory.remove() }
        let result = try run("audit-terminal", ["--home", directory.file("home"), "--lang", "fr", "status"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("zh-CN"), "\(result.stderr)")
    }
}
