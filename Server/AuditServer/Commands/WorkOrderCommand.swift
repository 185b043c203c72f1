import ArgumentParser
import CommandLanguage
import Foundation
import Shared
import TextLayout

/// `audit-server workorder create|list`.
struct WorkOrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workorder",
        abstract: "Cut audit work into work orders and list them.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a work order for an auditor and print its id.",
            discussion: """
                Name the customers, or give a box or a county and every customer located inside it is \
                taken. A work order lies in one county: customers of several are refused. The \
                auditor's tablet receives the work on its next sync (at once if it is long-polling).

                Examples:
                  audit-server workorder create --data DIR --assignee anna --customers cus-100,cus-101
                  audit-server workorder create --data DIR --assignee ben --bbox 49.94,11.56,49.96,11.59 --due 2026-12-01 --priority 2 --travel car
                  audit-server workorder create --data DIR --assignee chen --county 320102 --area "Xuanwu district"
                """
        )
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: "The auditor who does the work.") var assignee: String
        @Option(help: "Customer ids, comma-separated.") var customers: String?
        @Option(help: ArgumentHelp("Every customer inside this box: south,west,north,east in degrees.", valueName: "S,W,N,E")) var bbox: String?
        @Option(help: ArgumentHelp("Every customer of this county (its administrative division code).", valueName: "code")) var county: String?
        @Option(help: "A name for the area, shown to the auditor.") var area: String?
        @Option(help: "Due date, YYYY-MM-DD.") var due: String?
        @Option(help: "Priority, 1 (most urgent) to 5.") var priority: Int64?
        @Option(help: "How the auditor travels: foot (default) or car. The tablet plans its path for it and the presence checks allow its speeds.")
        var travel: TravelProfile?

        func validate() throws {
            guard [customers, bbox, county].compactMap({ $0 }).count == 1 else {
                throw ValidationError(messages.language.localized("server.workorder.choose_customers"))
            }
        }

        func run() async throws {
            let language = messages.language
            let service = DispatchService(database: try data.open())
            let ids: [String]
            if let bbox {
                let box: GeoBox
                do { box = try GeoBox(parsing: bbox) } catch { throw ExitCodeMessage(error.description) }
                ids = try service.customers(inside: box)
                guard !ids.isEmpty else { throw ExitCodeMessage(language.localized("server.workorder.none_in_box", ["box": bbox])) }
            } else if let county {
                ids = try service.customers(inCounty: county)
                guard !ids.isEmpty else { throw ExitCodeMessage(language.localized("server.workorder.none_in_county", ["county": county])) }
            } else {
                ids = (customers ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            // The area's name is read by the auditor: named in the dispatcher's language when not given.
            let named = area ?? bbox.map { language.localized("server.workorder.area.box", ["box": $0]) }
                ?? county.map { language.localized("server.workorder.area.county", ["county": $0]) }
            let order = try CommandErrors.reported {
                try service.createWorkOrder(assignee: assignee, customers: ids, area: named, due: due, priority: priority, travel: travel)
            }
            FileHandle.standardError.write(Data((language.localized("server.workorder.created", ["assignee": assignee, "count": ids.count]) + "\n").utf8))
            print(order.id.rawValue)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List work orders: id, auditor, status, customers, due date and area.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let orders = try DispatchService(database: try data.open()).workOrders()
            if json {
                let rows = orders.map { WorkOrderRow(id: $0.id.rawValue, area: $0.area, assignee: $0.assignee, customers: $0.customers.count,
                                                     due: $0.due, priority: $0.priority, status: $0.status.rawValue) }
                print(String(decoding: try WireCoding.encode(rows), as: UTF8.self))
                return
            }
            let language = messages.language
            guard !orders.isEmpty else {
                print(language.localized("server.workorder.none"))
                return
            }
            var table = TextTable([.left, .left, .left, .right, .left, .left])
            for order in orders {
                table.add([order.id.rawValue, order.assignee, order.status.label(in: language),
                           language.localized("server.workorder.customers", ["count": order.customers.count]),
                           language.localized("server.workorder.due", ["due": order.due ?? "-"]), order.area])
            }
            print(table.text)
        }
    }

    struct WorkOrderRow: Encodable {
        var id: String, area: String, assignee: String, customers: Int
        var due: String?, priority: Int64?, status: String
    }
}
