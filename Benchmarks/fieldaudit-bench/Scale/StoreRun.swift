import AuditTerminal
import Foundation
import Transport

/// The whole scale run on one store: each step's customers imported with `audit-server import
/// customers`, its work orders written, fresh tablets' first syncs timed; once the province is
/// loaded, pulls when nothing changed, pushes on one node and (PostgreSQL) on two, and idle
/// long-polls spread over the nodes.
struct StoreRun {
    let store: BenchStore
    let province: Province
    let measure: MeasureOptions
    let binary: String
    /// This store's own directory: `data/` and the logs.
    let directory: String
    /// Each step's customer file, in order.
    let files: [(step: Range<Int>, path: String)]
    let http: HTTPClient

    /// PostgreSQL nodes share the store; SQLite is one node's file.
    private var maximumNodes: Int { if case .postgres = store { 2 } else { 1 } }
    private var dataDirectory: String { path("data") }

    func run() async throws -> StoreFigures {
        var figures = StoreFigures(store: store.description)
        let tool = ServerTool(binary: binary, dataDirectory: dataDirectory, logPath: path("commands.log"), store: store)
        let dispatch = ProvinceDispatch(province: province, store: store, dataDirectory: dataDirectory)
        var tokens: [Int: String] = [:]
        let clock = ContinuousClock()
        for (index, file) in files.enumerated() {
            var started = clock.now
            let line = try tool.importCustomers(from: file.path)
            figures.imports.append((file.step.count, (clock.now - started).seconds))
            say("\(store): import \(line) in \(Format.seconds(figures.imports.last!.seconds)) (load \(LoadAverage.now))")

            started = clock.now
            let orders = province.orders(of: file.step)
            try dispatch.cut(orders)
            figures.cutSeconds += (clock.now - started).seconds
            say("\(store): \(orders.count) work orders written in \(Format.seconds((clock.now - started).seconds))")

            let sample = Province.sample(measure.firstSyncs, of: province.orders(of: 0..<file.step.upperBound).count)
            tokens.merge(try dispatch.enroll(sample.filter { tokens[$0] == nil })) { old, _ in old }
            let node = try startNode("serve-\(index)")
            let syncs = try await FirstSyncs(clients: sample.map { client(node, tokens[$0]!) }, expected: province.orderSize + 1).run()
            figures.firstSyncs.append((file.step.upperBound, syncs))
            say("\(store): first sync at \(Format.grouped(file.step.upperBound)) customers: \(syncs.latencies.summary)")
            if index < files.count - 1 {
                _ = await node.stop()
            } else {
                try await measureLoaded(first: node, sample: sample, tokens: tokens, cursor: syncs.cursor, into: &figures)
            }
        }
        figures.loadAfter = LoadAverage.now
        return figures
    }

    /// The measurements on the whole province, with `first` serving; stops every node.
    private func measureLoaded(first: ServerChild, sample: [Int], tokens: [Int: String], cursor: Int64, into figures: inout StoreFigures) async throws {
        let last = client(first, tokens[sample.last!]!)
        let idle = try await IdlePulls(client: last, server: first.baseURL, http: http, cursor: cursor, count: measure.idlePulls).run()
        figures.idle = idle
        say("\(store): pull when nothing changed: server mean \(Format.ms(idle.serverMeanMs)); round trip \(idle.roundTrip.summary)")

        var nodes = [first]
        let pushers = sample.prefix(measure.pushTablets).map { order in
            BenchTerminal(name: ProvinceDispatch.tablet(order), auditor: ProvinceDispatch.auditor(order), token: tokens[order]!,
                          customers: province.customerIDs(ofOrder: order))
        }
        while true {
            let push = try await PushPhase(terminals: pushers, nodes: nodes, http: http, batchSize: measure.batchSize, seconds: measure.pushSeconds).run()
            figures.pushes.append((nodes.count, push))
            say("\(store): push on \(nodes.count) node(s): \(push.line); \(push.cpuLine)")
            guard nodes.count < maximumNodes else { break }
            nodes.append(try startNode("serve-b"))
        }

        // Long-polls wait at the newest position, read by a tablet that did not push.
        let head = try await last.pull(after: cursor, wait: 0).cursor
        figures.longPolls = await longPolls(on: nodes, tokens: sample.map { tokens[$0]! }, at: head)
        for node in nodes { _ = await node.stop() }
    }

    /// `measure.longPolls` idle long-polls split over `nodes`, all held at once; each node is
    /// stopped (SIGTERM) while they wait.
    private func longPolls(on nodes: [ServerChild], tokens: [String], at cursor: Int64) async -> [IdleLongPolls.Figures] {
        guard measure.longPolls > 0 else { return [] }
        let each = measure.longPolls / nodes.count
        let (http, wave) = (http, measure.longPollWave)
        let store = self.store
        return await withTaskGroup(of: (Int, IdleLongPolls.Figures).self) { group in
            for (index, node) in nodes.enumerated() {
                let clients = tokens.map { SyncClient(server: node.baseURL, token: $0, http: http) }
                var polls = IdleLongPolls(server: node, clients: clients, http: http, count: each, cursor: cursor, wave: wave)
                polls.wait = 60
                group.addTask { (index, await polls.run { say("\(store) node \(index + 1): \($0)") }) }
            }
            var figures: [(Int, IdleLongPolls.Figures)] = []
            for await result in group { figures.append(result) }
            return figures.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func startNode(_ name: String) throws -> ServerChild {
        let node = try ServerChild(binary: binary, dataDirectory: dataDirectory, store: store, logPath: path("\(name).log"))
        say("\(store): \(name) pid \(node.pid) on \(node.baseURL.absoluteString)")
        return node
    }

    private func client(_ node: ServerChild, _ token: String) -> SyncClient {
        SyncClient(server: node.baseURL, token: token, http: http)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
}
