import Foundation

/// Runs Benchmarks/ortools_tour.py (Google OR-Tools) on a cost table, for the routing benchmark's
/// quality ratio. Optional: used only when python3 can import ortools.
enum ORToolsReference {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ortools_tour.py").path

    /// The Python that can import ortools: the `python3` on PATH, else /usr/bin/python3; nil when neither can.
    static let interpreter: String? = ["python3", "/usr/bin/python3"].first { candidate in
        (try? run(candidate, ["-c", "import ortools"]).status) == 0
    }

    /// Whether some Python can import ortools.
    static var isAvailable: Bool { interpreter != nil }

    /// The best open-path cost OR-Tools finds in `seconds`, or nil when it fails.
    static func solve(_ matrix: [[Int]], seconds: Int) throws -> Int? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ortools-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: ["matrix": matrix]).write(to: file)
        guard let interpreter else { return nil }
        let (status, output) = try run(interpreter, [script, file.path, String(seconds)])
        guard status == 0 else { return nil }
        return output.split(separator: "\n").first.flatMap { Int($0) }
    }

    private static func run(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
