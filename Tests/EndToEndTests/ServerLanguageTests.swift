import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// audit-server's dispatcher commands speak the dispatcher's language: `--lang zh-CN` (or a
/// Chinese locale) prints Chinese, anything else English; ids, tokens, `--json` and CSV are the
/// same in every language.
@Suite("audit-server in Chinese", .serialized)
struct ServerLanguageTests {
    /// How many terminal cells `line` takes: two a Chinese character or full-width sign.
    static func cells(_ line: Substring) -> Int { line.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } }

    /// Anna's visit to customer 1 without a position and unsigned: progress flags it. Its id.
    static func pushUnprovenVisit(_ fixture: ServerFixture) async throws -> String {
        let visit = AuditVisit(id: TypedID.mint(), workOrder: try TypedID(fixture.annaOrder), customer: try TypedID("cus-20000001"),
                               auditor: "anna", time: "2026-11-23T10:15:00Z", outcome: .corrected)
        _ = try await fixture.anna.push(PushRequest(batchID: "visit-1", records: [try visit.newState(by: "t-tab-anna", at: HLCTimestamp(milliseconds: 5))]))
        return visit.id.rawValue
    }

    @Test("workorder and progress: messages, states and headings in Chinese, the table's columns straight; the id and JSON the same in every language")
    func workAndProgress() async throws {
        let fixture = try ServerFixture()
        _ = try await Self.pushUnprovenVisit(fixture)

        let created = try fixture.dispatch(["workorder", "create", "--lang", "zh-CN", "--assignee", "ben", "--customers", "cus-20000004,cus-20000005"])
        #expect(created.status == 0 && created.stderr.contains("已为 ben 创建工单：2 户"), "\(created.stderr)")
        #expect(created.lastLine.hasPrefix("wo-"), "the id alone on the last line: \(created.stdout)")
        let nobody = try fixture.dispatch(["workorder", "create", "--lang", "zh-CN", "--assignee", "ben", "--county", "09999"])
        #expect(nobody.status != 0 && nobody.stderr.contains("区县 09999 没有用户"), "\(nobody.stderr)")
        let neither = try fixture.dispatch(["workorder", "create", "--lang", "zh-CN", "--assignee", "ben"])
        #expect(neither.status != 0 && neither.stderr.contains("请给出 --customers、--bbox 或 --county 其中之一"), "\(neither.stderr)")
        let orders = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "list", "--lang", "zh-CN"])).stdout
        #expect(orders.contains("已派发") && orders.contains("3 户") && orders.contains("2 户") && orders.contains("截止 -"), "\(orders)")
        let english = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "list"])).stdout
        #expect(english.contains("assigned") && english.contains("3 customers"), "\(english)")

        let progress = try ServerFixture.expectSuccess(fixture.dispatch(["progress", "--lang=zh-CN"])).stdout
        for text in ["按稽查员", "按工单", "已分配", "已走访", "已更正", "无法进入", "anna（1 个工单）", "未能证明到场的走访", "未记录位置；未签名：可能是事后补写的"] {
            #expect(progress.contains(text), "\(text) in \(progress)")
        }
        let table = (progress.components(separatedBy: "\n\n未能证明到场的走访").first ?? "").split(separator: "\n").filter { !$0.hasPrefix("按") }
        #expect(table.count == 6, "\(table)")
        #expect(Set(table.map(Self.cells)).count == 1, "every row ends in the same cell under the Chinese headings: \(progress)")
        let plain = try ServerFixture.expectSuccess(fixture.dispatch(["progress"])).stdout
        #expect(plain.contains("by auditor") && plain.contains("anna (1 orders)") && plain.contains("no position recorded; unsigned"), "\(plain)")
        #expect(try fixture.dispatch(["progress", "--json", "--lang", "zh-CN"]).stdout == (try fixture.dispatch(["progress", "--json"])).stdout)

        let locale = try run("audit-server", ["progress", "--data", fixture.dataDirectory], environment: ["LANG": "zh_CN.UTF-8"]).stdout
        #expect(locale.contains("按稽查员"), "a Chinese locale reads Chinese without --lang: \(locale)")
    }

    @Test("show and history: kinds, fields, writers and the conflict in Chinese; JSON the same in every language")
    func recordsInChinese() async throws {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: .sqlite)
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["show", "20000001", "--lang", "zh-CN"])).stdout
        #expect(shown.hasPrefix("用户 cus-20000001"), "\(shown)")
        let phone = shown.split(separator: "\n").drop { !$0.hasPrefix("电话") }.prefix(3).map(String.init)
        #expect(phone.first?.contains("冲突") == true, "\(shown)")
        #expect(phone.contains { $0.contains("0921 555 0200") && $0.contains("— 平板 tab-anna（anna），") }, "\(phone)")
        #expect(phone.contains { $0.contains("0921 555 0100") && $0.contains("— 办公室，") }, "\(phone)")
        #expect(shown.contains("户名") && shown.contains("工单：\(fixture.annaOrder)"), "\(shown)")
        #expect(try fixture.dispatch(["show", "20000001", "--json", "--lang", "zh-CN"]).stdout == (try fixture.dispatch(["show", "20000001", "--json"])).stdout)

        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", "20000001", "--lang", "zh-CN"])).stdout
        #expect(history.hasPrefix("用户 cus-20000001：共 "), "\(history)")
        #expect(history.contains("\t电话\t0921 555 0200\t平板 tab-anna（anna）"), "\(history)")
        #expect(history.contains("\t户名\t客户 1\t办公室（shell:\(NSUserName())）"), "\(history)")

        let wrongKind = try fixture.dispatch(["conflicts", "resolve", "meter/m-1", "phone", "--pick", "mis", "--lang", "zh-CN"])
        #expect(wrongKind.status != 0 && wrongKind.stderr.contains("未知的档案类型 meter"), "\(wrongKind.stderr)")
        let resolved = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve", "cus-20000001", "phone", "--pick", "t-tab-anna", "--lang", "zh-CN"])).stdout
        #expect(resolved.contains("已解决 customer/cus-20000001 的“电话”冲突，现为“0921 555 0200”"), "\(resolved)")
        #expect(try fixture.dispatch(["conflicts", "list", "--lang", "zh-CN"]).stdout.contains("没有冲突"))
    }

    @Test("device, user, import, packet, presence and backup in Chinese; tokens, ids and tab-separated columns stay where scripts find them")
    func officeCommands() async throws {
        let fixture = try ServerFixture()
        let enrolled = try ServerFixture.expectSuccess(fixture.dispatch(["device", "enroll", "--lang", "zh-CN", "--name", "tab-chen", "--auditor", "chen"]))
        #expect(enrolled.stdout.contains("已注册终端 tab-chen：稽查员 chen，副本 t-tab-chen"), "\(enrolled.stdout)")
        #expect(enrolled.lastLine.count > 20 && enrolled.lastLine.allSatisfy(\.isASCII), "the token alone on the last line")
        #expect(try fixture.dispatch(["device", "revoke", "tab-chen", "--lang", "zh-CN"]).stdout.contains("已吊销终端 tab-chen"))
        let devices = try ServerFixture.expectSuccess(fixture.dispatch(["device", "list", "--lang", "zh-CN"])).stdout
        #expect(devices.contains("最近一次被拒的推送") && devices.contains("在用") && devices.contains("已吊销"), "\(devices)")

        let password = Data("correct horse battery\n".utf8)
        let added = try ServerFixture.expectSuccess(fixture.dispatch(["user", "add", "wang.li", "--role", "dispatcher", "--lang", "zh-CN"], input: password))
        #expect(added.stdout.contains("已添加用户 wang.li，角色：调度员"), "\(added.stdout)")
        let short = try fixture.dispatch(["user", "add", "li.na", "--role", "supervisor", "--lang", "zh-CN"], input: Data("short\n".utf8))
        #expect(short.status != 0 && short.stderr.contains("密码至少需要 10 个字符"), "\(short.stderr)")
        #expect(try fixture.dispatch(["user", "list", "--lang", "zh-CN"]).stdout == "wang.li\t调度员\t启用\n")
        #expect(try fixture.dispatch(["user", "disable", "wang.li", "--lang", "zh-CN"]).stdout.contains("已停用用户 wang.li"))

        let csv = fixture.directory.file("phones.csv")
        try "account,name,phone\n20000006,客户 6,0921 555 0999\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv, "--lang", "zh-CN"])).stdout
        #expect(imported.contains("phones.csv：共 1 行，新增 0，变更 1，未变 0，拒收 0"), "\(imported)")
        let missing = try fixture.dispatch(["import", "customers", "/nonexistent.csv", "--lang", "zh-CN"])
        #expect(missing.status != 0 && missing.stderr.contains("无法读取 /nonexistent.csv：文件不存在或不可读"), "\(missing.stderr)")

        let packet = fixture.directory.file("packet.json")
        let exported = try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", packet, "--lang", "zh-CN"])).stdout
        #expect(exported.contains("已写入 \(packet)：工单 \(fixture.annaOrder)，3 户") && exported.contains("；无道路图（尚未导入）"), "\(exported)")

        let visit = try await Self.pushUnprovenVisit(fixture)
        let presence = try ServerFixture.expectSuccess(fixture.dispatch(["presence", visit, "--lang", "zh-CN"])).stdout
        for text in ["走访 \(visit)", "稽查员 anna", "位置：无", "签名：未签名：可能是事后补写的", "按步行规则", "检查：", "存疑 no_position：未记录位置"] {
            #expect(presence.contains(text), "\(text) in \(presence)")
        }
        #expect(try fixture.dispatch(["presence", visit, "--json", "--lang", "zh-CN"]).stdout == (try fixture.dispatch(["presence", visit, "--json"])).stdout)
        #expect(try fixture.dispatch(["presence", "vis-nowhere", "--lang", "zh-CN"]).stderr.contains("没有走访 vis-nowhere"))
        let verified = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "verify", "--device", "tab-anna", "--lang", "zh-CN"])).stdout
        #expect(verified.contains("终端 tab-anna：0 个密钥"), "\(verified)")

        let backup = fixture.directory.file("backup.sqlite")
        let taken = try ServerFixture.expectSuccess(fixture.dispatch(["backup", "--to=\(backup)", "--lang", "zh-CN"])).stdout
        #expect(taken.contains("条档案") && taken.contains("备份到 \(backup)"), "\(taken)")
    }

    @Test("mis sync from files in Chinese: the summary's counts line up under Chinese labels; the report's CSV is the same")
    func misInChinese() throws {
        let fixture = try ServerFixture()
        let export = try MISJobTests.writeExport(in: fixture)
        let report = fixture.directory.file("report.csv")
        let dry = try ServerFixture.expectSuccess(fixture.dispatch(["mis", "sync", "--from", export, "--to", fixture.directory.file("to-mis"),
                                                                     "--dry-run", "--report", report, "--lang", "zh-CN"])).stdout
        #expect(dry.hasPrefix("营销系统同步（试运行：未保存、未发送任何内容）：读取 6 行"), "\(dry)")
        #expect(dry.contains("对账报告：\(report)"), "\(dry)")
        let counts = dry.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(counts.count == 8 && counts.contains { $0.contains("营销系统变更的字段") && $0.hasSuffix(" 1") }, "\(dry)")
        let columns = Set(counts.map { line in Self.cells(line[..<(line.lastIndex(of: " ") ?? line.endIndex)]) })
        #expect(columns.count == 1, "the counts start in one column: \(dry)")
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("outcome,kind,id,key,field,mis_value,field_value,detail"))
        let refused = try fixture.dispatch(["mis", "sync", "--from", export, "--lang", "zh-CN"])
        #expect(refused.status != 0 && refused.stderr.contains("--from 需要同时给出 --to DIR"), "\(refused.stderr)")
    }
}
