#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TextUI

/// The event loop over real pipes (no terminal): input bytes become events, background messages
/// arrive, each frame is written as a diff, and `q` ends the loop.
@Suite("Event loop")
struct EventLoopTests {
    final class Typist: TerminalApplication {
        typealias Message = String
        var typed = ""
        var messages: [String] = []

        func start(sink: EventSink<String>) {
            Task.detached { sink.post("synced") }
        }

        func handle(_ event: LoopEvent<String>) -> LoopDecision {
            switch event {
            case .input(.key(.character("q"), [])): return .quit
            case .input(.key(.character(let character), [])): typed.append(character)
            case .input(.paste(let text)): typed += text
            case .message(let message): messages.append(message)
            default: break
            }
            return .continue
        }

        func render(into screen: inout ScreenBuffer) {
            screen.put("typed: \(typed)", x: 0, y: 0)
            screen.put(messages.joined(separator: ","), x: 0, y: 1)
        }
    }

    @Test("keys and pastes are decoded, a background message arrives, the last frame is on the terminal, q quits")
    func loopOverPipes() async throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        defer { for fd in input + [output[0]] { close(fd) } }
        var configuration = EventLoop.Configuration(colorMode: .ansi16)
        configuration.input = input[0]
        configuration.output = output[1]
        configuration.rawMode = false
        configuration.fixedSize = TerminalSize(width: 20, height: 2)
        configuration.tickInterval = .milliseconds(50)

        let app = Typist()
        let collected = OutputCollector(descriptor: output[0])
        let bytes = Array("王a\u{1B}[200~b c\u{1B}[201~".utf8)
        _ = write(input[1], bytes, bytes.count)
        // Quit only once the message has arrived, so the final frame shows both.
        let writeEnd = input[1]
        Task.detached {
            while true {
                try? await Task.sleep(for: .milliseconds(20))
                if collected.terminal(width: 20, height: 2).screen.text(row: 1).hasPrefix("synced") { break }
            }
            _ = write(writeEnd, "q", 1)
        }
        try await EventLoop.run(app, configuration: configuration)
        close(output[1])
        collected.waitForEnd()
        #expect(app.typed == "王ab c")
        #expect(app.messages == ["synced"])
        let terminal = collected.terminal(width: 20, height: 2)
        #expect(terminal.screen.text(row: 0) == "typed: 王ab c" + String(repeating: " ", count: 7))
    }
}

/// Reads everything written to a pipe, on a thread of its own.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let ended = DispatchSemaphore(value: 0)

    init(descriptor: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { ended.signal(); return }
                lock.withLock { bytes += buffer[0..<count] }
            }
        }
    }

    /// Waits until the writing end is closed and everything is read.
    func waitForEnd() { ended.wait() }

    /// A virtual terminal that has interpreted everything written so far.
    func terminal(width: Int, height: Int) -> VirtualTerminal {
        var terminal = VirtualTerminal(width: width, height: height)
        terminal.apply(lock.withLock { bytes })
        return terminal
    }
}
