import Foundation
import TestSupport

/// A program running in a detached tmux session on a private server socket: keys are sent with
/// `send-keys`, the screen is read with `capture-pane -p`. The server is killed when done.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let target = "ui"

    /// Starts `command` (already shell-quoted) in a `width` × `height` window.
    init(command: String, width: Int, height: Int) throws {
        socket = "fieldaudit-\(getpid())-\(UUID().uuidString.prefix(8))"
        try tmux(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command])
    }

    /// Runs a tmux command on the private server.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
        guard result.status == 0 else { throw FixtureError("tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    /// Types text literally (UTF-8, CJK included).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    /// Presses named keys (`Enter`, `Down`, `Escape`, `C-u` …).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// The screen as text, one line per row.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", target]) }

    /// Polls the screen until `condition` holds, for at most `seconds` (a deadline, not a timing
    /// assertion); returns the last screen read and whether the condition held.
    func waitFor(_ seconds: Double = 30, _ condition: (String) -> Bool) throws -> (screen: String, ok: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? last
            if condition(last) { return (last, true) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (last, condition(last))
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    deinit { _ = try? run("/usr/bin/env", ["tmux", "-L", socket, "kill-server"]) }
}
