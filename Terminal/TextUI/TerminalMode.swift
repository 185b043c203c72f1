#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the controlling terminal into the state a full-screen program needs (raw input, alternate
/// screen, hidden cursor, bracketed paste, SGR mouse) and always puts it back.
///
/// There is one terminal per process, so the state is process-wide. `enter` saves the current
/// termios settings and installs handlers: on SIGINT, SIGTERM and SIGHUP, and on the crash signals
/// (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, which is how a Swift trap in a screen ends),
/// the terminal is restored first, then the previous action for the signal is put back and the
/// signal re-raised, so the process still dies the way it would have (with the Swift runtime's
/// backtrace for a crash). An `atexit` hook restores on normal exit. `restore()` is idempotent.
public enum TerminalMode {
    /// The screen features turned on by `enter`.
    public struct Features: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The alternate screen (`CSI ? 1049 h`): the shell's screen comes back on restore.
        public static let alternateScreen = Features(rawValue: 1)
        /// A hidden cursor (`CSI ? 25 l`).
        public static let hideCursor = Features(rawValue: 2)
        /// Bracketed paste (`CSI ? 2004 h`).
        public static let bracketedPaste = Features(rawValue: 4)
        /// Mouse clicks, drags and wheel in the SGR encoding (`CSI ? 1000 h`, `1002 h`, `1006 h`).
        public static let mouse = Features(rawValue: 8)
        /// All of the above.
        public static let all: Features = [.alternateScreen, .hideCursor, .bracketedPaste, .mouse]
    }

    /// Why `enter` failed.
    public enum Failure: Error, Hashable, Sendable {
        /// The input is not a terminal (`tcgetattr` failed with this errno).
        case notATerminal(errno: Int32)
        /// `tcsetattr` failed with this errno.
        case cannotSetAttributes(errno: Int32)
    }

    /// The bytes that turn `features` on.
    public static func enterSequence(_ features: Features) -> String {
        var sequence = ""
        if features.contains(.alternateScreen) { sequence += "\u{1B}[?1049h\u{1B}[2J" }
        if features.contains(.hideCursor) { sequence += "\u{1B}[?25l" }
        if features.contains(.bracketedPaste) { sequence += "\u{1B}[?2004h" }
        if features.contains(.mouse) { sequence += "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h" }
        return sequence
    }

    /// The bytes that turn `features` off again, in reverse order, after ending any synchronized
    /// update and resetting the style.
    public static func exitSequence(_ features: Features) -> String {
        var sequence = "\u{1B}[?2026l\u{1B}[0m"
        if features.contains(.mouse) { sequence += "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l" }
        if features.contains(.bracketedPaste) { sequence += "\u{1B}[?2004l" }
        if features.contains(.hideCursor) { sequence += "\u{1B}[?25h" }
        if features.contains(.alternateScreen) { sequence += "\u{1B}[?1049l" }
        return sequence
    }

    /// `settings` changed for raw input, as `cfmakeraw` does: no echo, no line editing, no signal
    /// keys, no input or output translation, 8-bit characters; `read` returns after one byte.
    public static func makeRaw(_ settings: termios) -> termios {
        var raw = settings
        raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        raw.c_cflag &= ~tcflag_t(CSIZE | PARENB)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        return raw
    }

    /// Whether the terminal is currently in the state `enter` set up.
    public static var isActive: Bool { active }

    /// Saves the terminal settings of `input`, switches to raw mode, writes the sequences for
    /// `features` to `output`, and installs the restoring signal and exit handlers. Calling it while
    /// active does nothing.
    public static func enter(
        input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, features: Features = .all
    ) throws(Failure) {
        guard !active else { return }
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw .notATerminal(errno: errno) }
        var raw = makeRaw(original)
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else { throw .cannotSetAttributes(errno: errno) }

        savedSettings = original
        inputDescriptor = input
        outputDescriptor = output
        let exit = Array(exitSequence(features).utf8)
        exitBytes?.deallocate()
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: exit.count)
        _ = buffer.initialize(from: exit)
        exitBytes = buffer
        installHandlersOnce()
        active = true
        writeAll(output, Array(enterSequence(features).utf8))
    }

    /// Puts the terminal back as `enter` found it. Safe to call any number of times, from anywhere,
    /// including a signal handler (it only uses `write` and `tcsetattr`).
    public static func restore() {
        guard active else { return }
        active = false
        if let exitBytes, let base = exitBytes.baseAddress {
            var offset = 0
            while offset < exitBytes.count {
                let written = write(outputDescriptor, base + offset, exitBytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        _ = tcsetattr(inputDescriptor, TCSAFLUSH, &savedSettings)
    }

    /// The signals after which the terminal is restored.
    public static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    // MARK: - Process-wide state (touched by signal handlers, so kept to plain values)

    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var savedSettings = termios()
    nonisolated(unsafe) private static var inputDescriptor: Int32 = STDIN_FILENO
    nonisolated(unsafe) private static var outputDescriptor: Int32 = STDOUT_FILENO
    nonisolated(unsafe) private static var exitBytes: UnsafeMutableBufferPointer<UInt8>? = nil
    nonisolated(unsafe) private static var handlersInstalled = false
    /// The actions that were in place before ours, indexed by signal number.
    nonisolated(unsafe) static var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    private static func installHandlersOnce() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        atexit { TerminalMode.restore() }
        for signalNumber in handledSignals {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = terminalModeSignalHandler
            #else
            action.__sigaction_handler.sa_handler = terminalModeSignalHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            _ = sigaction(signalNumber, &action, previousActions + Int(signalNumber))
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

/// Restores the terminal, puts back the signal's previous action and raises it again.
private func terminalModeSignalHandler(_ signalNumber: Int32) {
    TerminalMode.restore()
    _ = sigaction(signalNumber, TerminalMode.previousActions + Int(signalNumber), nil)
    _ = raise(signalNumber)
}
