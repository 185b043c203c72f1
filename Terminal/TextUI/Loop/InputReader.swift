#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a terminal's input on a thread of its own and hands decoded events on.
///
/// The thread blocks in `poll` on the input and on a private wake-up pipe, so ``stop()`` ends it at
/// once. A held Escape (see ``InputDecoder``) becomes the Escape key after `escapeDelay` ms of quiet.
final class InputReader: Sendable {
    private let input: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let escapeDelay: Int32

    /// Starts reading `input`; `onEvents` gets each batch of decoded events, `onClose` is called
    /// once when the input reaches its end or fails.
    init(input: Int32, escapeDelay: Int32,
         onEvents: @escaping @Sendable ([InputEvent]) -> Void, onClose: @escaping @Sendable () -> Void) {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { ends = [-1, -1] }
        self.input = input
        self.wakeRead = ends[0]
        self.wakeWrite = ends[1]
        self.escapeDelay = escapeDelay
        Thread.detachNewThread { [self] in self.readLoop(onEvents: onEvents, onClose: onClose) }
    }

    /// Ends the reading thread (the input itself stays open).
    func stop() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    private func readLoop(onEvents: @Sendable ([InputEvent]) -> Void, onClose: @Sendable () -> Void) {
        var decoder = InputDecoder()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var descriptors = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, decoder.hasPendingEscape ? escapeDelay : -1)
            if ready < 0 {
                if errno == EINTR { continue }
                onClose()
                return
            }
            if ready == 0 {
                let events = decoder.flushPendingEscape()
                if !events.isEmpty { onEvents(events) }
                continue
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else {
                onClose()
                return
            }
            let events = decoder.feed(Array(buffer[0..<count]))
            if !events.isEmpty { onEvents(events) }
        }
    }
}
