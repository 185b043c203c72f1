#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// Runs a ``TerminalApplication``: puts the terminal in raw mode, reads and decodes input, follows
/// resizes (SIGWINCH, and a size check on every tick), ticks for clocks, passes background results
/// in, and after every event draws a frame as a diff of the last one in a single write.
///
/// The terminal is restored on every way out: a normal return, a thrown error, the input closing,
/// and (through ``TerminalMode``) SIGINT, SIGTERM, SIGHUP and crash signals.
public enum EventLoop {
    /// Where the loop reads and writes and how it behaves.
    public struct Configuration: Sendable {
        /// The input descriptor (default: standard input).
        public var input: Int32 = STDIN_FILENO
        /// The output descriptor (default: standard output).
        public var output: Int32 = STDOUT_FILENO
        /// Whether to enter raw mode and the screen features (off for tests over pipes).
        public var rawMode = true
        /// The screen features turned on in raw mode.
        public var features: TerminalMode.Features = .all
        /// How often ``LoopEvent/tick(_:)`` arrives.
        public var tickInterval: Duration = .milliseconds(500)
        /// How long a lone Escape waits for a sequence to follow before it counts as the Escape key, in ms.
        public var escapeDelay: Int32 = 40
        /// How colours are written.
        public var colorMode: ColorMode
        /// A fixed size, for outputs that are not terminals; `nil` asks the output terminal.
        public var fixedSize: TerminalSize?

        /// A configuration for standard input and output in `colorMode`.
        public init(colorMode: ColorMode) {
            self.colorMode = colorMode
        }

        /// The size to draw at now: the fixed size, the output terminal's, or 80 × 24.
        var currentSize: TerminalSize {
            fixedSize ?? TerminalSize.of(descriptor: output) ?? TerminalSize(width: 80, height: 24)
        }
    }

    /// What arrives on the loop's queue.
    private enum Incoming<Message: Sendable>: Sendable {
        case event(LoopEvent<Message>)
        case inputClosed
    }

    /// Runs `application` until it answers ``LoopDecision/quit`` or the input ends.
    public static func run<Application: TerminalApplication>(
        _ application: Application, configuration: Configuration
    ) async throws(TerminalMode.Failure) {
        if configuration.rawMode {
            try TerminalMode.enter(input: configuration.input, output: configuration.output, features: configuration.features)
        }
        defer { if configuration.rawMode { TerminalMode.restore() } }

        let (stream, continuation) = AsyncStream.makeStream(of: Incoming<Application.Message>.self)
        let reader = InputReader(
            input: configuration.input, escapeDelay: configuration.escapeDelay,
            onEvents: { events in for event in events { continuation.yield(.event(.input(event))) } },
            onClose: { continuation.yield(.inputClosed) })
        let resizes = ResizeSignal { continuation.yield(.event(.resize(configuration.currentSize))) }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: configuration.tickInterval)
                continuation.yield(.event(.tick(Date())))
            }
        }
        defer {
            ticker.cancel()
            resizes.cancel()
            reader.stop()
            continuation.finish()
        }

        var screen = Screen(configuration: configuration)
        application.start(sink: EventSink { continuation.yield(.event(.message($0))) })
        screen.draw(application)
        for await incoming in stream {
            guard case .event(let event) = incoming else { return }
            if case .tick = event, screen.size != configuration.currentSize {
                screen.resize(to: configuration.currentSize)
                if application.handle(.resize(screen.size)) == .quit { return }
            }
            if case .resize(let size) = event { screen.resize(to: size) }
            if application.handle(event) == .quit { return }
            screen.draw(application)
        }
    }

    /// The output side: the last frame shown and the renderer that diffs against it.
    private struct Screen {
        let configuration: Configuration
        let renderer: FrameRenderer
        var size: TerminalSize
        var shown: ScreenBuffer?

        init(configuration: Configuration) {
            self.configuration = configuration
            renderer = FrameRenderer(colorMode: configuration.colorMode)
            size = configuration.currentSize
        }

        /// Forgets the last frame, so the next one is drawn in full at the new size.
        mutating func resize(to newSize: TerminalSize) {
            size = newSize
            shown = nil
        }

        mutating func draw<Application: TerminalApplication>(_ application: Application) {
            var frame = ScreenBuffer(width: size.width, height: size.height)
            application.render(into: &frame)
            let bytes = renderer.render(from: shown, to: frame)
            shown = frame
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(configuration.output, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

/// Calls a handler on every SIGWINCH, until cancelled.
private final class ResizeSignal: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGWINCH, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() { source.cancel() }
}
