import Foundation
import TestSupport

/// A program running in a detached tmux session on a private server socket: keys are sent with
/// `send-keys`, the screen is read with `capture-pane -p`. The pane stays after the program exits
/// (`remain-on-exit`), so its last screen can still be read. The server is killed when done.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let target = "ui"

    /// Starts `command` (already shell-quoted) in a `width` × `height` window.
    init(command: String, width: Int, height: Int) throws {
        socket = "fieldaudit-\(getpid())-\(UUID().uuidString.prefix(8))"
        // The server daemonizes and would hold a captured output pipe open forever: start it with
        // its output going nowhere.
        let status = Self.detached(["-L", socket, "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command,
                                    ";", "set-option", "-t", target, "remain-on-exit", "on"])
        guard status == 0 else { throw FixtureError("tmux new-session failed with status \(status)") }
    }

    /// Runs tmux with its input and output on /dev/null and returns its exit status.
    ///
    /// Spawned and reaped directly: Foundation's `Process` never sees a client exit whose forked
    /// server daemon lives on, and would wait forever.
    @discardableResult
    static func detached(_ arguments: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, "tmux", &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
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

    /// Kills the session and the server and removes the server's socket file (which tmux leaves
    /// behind when its last session is killed). Safe to call more than once.
    func close() {
        Self.detached(["-L", socket, "kill-session", "-t", target])
        Self.detached(["-L", socket, "kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }

    deinit { close() }
}
