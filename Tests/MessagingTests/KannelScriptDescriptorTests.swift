import Foundation
import TestSupport
import Testing

/// `scripts/sms-gateway start` must leave its caller nothing to wait for once it has printed its
/// directory: a test process hands Foundation's exit-watching socket to its children, and when a
/// box kept it, `Process.waitUntilExit` never returned and the whole test run hung.
@Suite("scripts/sms-gateway start keeps none of its caller's descriptors")
struct KannelScriptDescriptorTests {
    @Test("a descriptor the caller left on 255 (where bash keeps its script) is not kept by any box")
    func descriptorOn255() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("fieldaudit-fd-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: marker, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: marker) }
        // The outer shell opens the marker on 255, then becomes the script: its boxes inherit 255.
        let started = try run("/bin/bash", ["-c", #"exec 255>"$1"; exec /bin/bash "$2" start"#, "gateway", marker, PrivateKannel.script])
        #expect(started.status == 0, "\(started.stderr)")
        let directory = started.lastLine
        try #require(!directory.isEmpty)
        defer { _ = try? run("/bin/bash", [PrivateKannel.script, "stop", directory]) }
        for box in ["bearerbox", "fakesmsc", "smsbox"] {
            let pid = try String(contentsOfFile: directory + "/\(box).pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
            let held = descriptors.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")) == marker }
            #expect(held.isEmpty, "\(box) (pid \(pid)) holds the caller's descriptor on \(held)")
        }
    }
}
