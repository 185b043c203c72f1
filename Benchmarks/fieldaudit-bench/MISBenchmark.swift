import ArgumentParser
import Foundation

/// The MIS reconciliation job on a county-sized export (issue 7).
struct MISBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mis",
        abstract: "Reconcile a 100,000-customer MIS export with 2% drift: time, records/s, peak RSS.",
        discussion: """
            Imports --customers customers into a fresh audit-server data directory (the real \
            executable, found next to this program), then runs 'audit-server mis sync --from \
            EXPORT --to DIR' on an export of the same customers in which --drift-percent of the \
            tariffs changed, and once more on the same export (which must change nothing). Prints \
            the time of each run, records/s, and the job's peak RSS (VmHWM, sampled every 20 ms). \
            Goal: the drifted run under 30 s. Build both in release mode first:

              swift build -c release --product audit-server && swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench mis
            """
    )

    @Option(help: "Customers in the export.") var customers = 100_000
    @Option(help: "Percent of customers whose tariff changed in the MIS.") var driftPercent = 2
    @Option(help: "The audit-server executable (default: next to this program).") var serverBinary: String?

    func run() async throws {
        let (directory, tool) = try ServerTool.scratch(named: "misbench", serverBinary: serverBinary)
        defer { Cleanup.shared.run() }

        let clock = ContinuousClock()
        _ = try CustomerFile(count: customers).write(to: directory + "/office.csv")
        let importStart = clock.now
        _ = try tool.importCustomers(from: directory + "/office.csv")
        let importTime = (clock.now - importStart).seconds
        let step = max(1, 100 / max(driftPercent, 1))
        _ = try CustomerFile(count: customers, drifted: { $0 % step == 0 }).write(to: directory + "/mis-export.csv")
        let expected = (customers + step - 1) / step

        print("machine: \(Machine.description)")
        print("setup: \(Format.grouped(customers)) customers imported in \(Format.seconds(importTime))")
        let arguments = ["mis", "sync", "--data", tool.dataDirectory, "--from", directory + "/mis-export.csv",
                         "--to", directory + "/to-mis", "--json"]
        let drifted = try measure(tool.binary, arguments)
        let changed = Self.count("changed_by_mis", in: drifted.output)
        print("drifted run: \(Format.seconds(drifted.seconds)), \(Format.grouped(Int(Double(customers) / drifted.seconds))) records/s, "
              + "peak RSS \(Format.kib(drifted.peakKiB)); \(changed) tariffs changed by the MIS (expected \(expected)) "
              + "(goal under 30 s: \(drifted.seconds < 30 ? "met" : "NOT met"))")
        let again = try measure(tool.binary, arguments)
        let changedAgain = Self.count("changed_by_mis", in: again.output)
        print("second run:  \(Format.seconds(again.seconds)), \(Format.grouped(Int(Double(customers) / again.seconds))) records/s, "
              + "peak RSS \(Format.kib(again.peakKiB)); \(changedAgain) changed (expected 0)")
        guard changed == expected, changedAgain == 0 else {
            throw BenchFailure("the job changed \(changed) then \(changedAgain) fields; expected \(expected) then 0")
        }
    }

    /// Runs the job, sampling its VmHWM until it exits.
    private func measure(_ binary: String, _ arguments: [String]) throws -> (seconds: Double, peakKiB: Int, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        var peak = 0
        let collected = OutputBox()
        let thread = Thread {
            collected.data = output.fileHandleForReading.readDataToEndOfFile()
            collected.finished.signal()
        }
        thread.start()
        while process.isRunning {
            peak = max(peak, Self.peakKiB(of: process.processIdentifier))
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        let seconds = (ContinuousClock.now - started).seconds
        collected.finished.wait()
        let text = String(decoding: collected.data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BenchFailure("audit-server mis sync failed (status \(process.terminationStatus)): \(text.suffix(400))") }
        return (seconds, peak, text)
    }

    private static func peakKiB(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    private static func count(_ outcome: String, in json: String) -> Int {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let counts = object["counts"] as? [String: Any] else { return -1 }
        return (counts[outcome] as? Int) ?? -1
    }
}

/// Output collected on another thread; `finished` is signalled once `data` is complete.
private final class OutputBox: @unchecked Sendable {
    var data = Data()
    let finished = DispatchSemaphore(value: 0)
}
