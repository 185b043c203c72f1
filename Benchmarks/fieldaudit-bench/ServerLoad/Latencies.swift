import Foundation

/// Latencies of one kind of request, in milliseconds, and the percentiles the issues quote.
struct Latencies: Sendable {
    private(set) var milliseconds: [Double] = []

    init(_ milliseconds: [Double] = []) { self.milliseconds = milliseconds }

    mutating func record(_ duration: Duration) { milliseconds.append(duration.milliseconds) }

    mutating func append(contentsOf other: Latencies) { milliseconds += other.milliseconds }

    var count: Int { milliseconds.count }

    /// The nearest-rank percentile `fraction` (0.5 for the median, 0.99 for p99); 0 when empty.
    func percentile(_ fraction: Double) -> Double {
        guard !milliseconds.isEmpty else { return 0 }
        let sorted = milliseconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var p50: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var maximum: Double { milliseconds.max() ?? 0 }

    /// `p50 12.3 ms, p99 45.6 ms, max 50.1 ms (n = 50)`.
    var summary: String {
        "p50 \(Format.ms(p50)), p99 \(Format.ms(p99)), max \(Format.ms(maximum)) (n = \(count))"
    }
}

extension Duration {
    var milliseconds: Double { seconds * 1000 }
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Number formatting for the printed figures.
enum Format {
    static func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f ms" : "%.1f ms", value) }
    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
    static func bytes(_ value: Int) -> String {
        if value >= 1 << 20 { return String(format: "%.2f MiB", Double(value) / Double(1 << 20)) }
        if value >= 1 << 10 { return String(format: "%.1f KiB", Double(value) / Double(1 << 10)) }
        return "\(value) B"
    }
    static func kib(_ value: Int) -> String { String(format: "%.1f MiB", Double(value) / 1024) }
}

/// CPU time the benchmark process itself used (user + system), for telling client cost from server cost.
enum ProcessCPU {
    static func selfSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// CPU time every process on the machine used (`/proc/stat`), to tell when others compete for the cores.
enum SystemCPU {
    /// Busy seconds summed over all cores since boot: user, nice, system, irq, softirq, steal.
    static func busySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return 0 }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return 0 }
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// The machine the figures were measured on.
enum Machine {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var description: String {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(cores) cores (nproc), \(cpu), Linux \(release)"
    }
}
