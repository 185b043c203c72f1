import Foundation
import Glibc

/// One TCP connection to gpsd over POSIX sockets (Linux, Glibc): connect with a timeout, send a command, read lines.
///
/// Every wait polls in short slices and checks `isCancelled`, so closing down never hangs on a
/// silent daemon.
final class GpsdConnection {
    private let descriptor: Int32
    private let address: String
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (any address family getaddrinfo returns), giving up after `timeout`.
    init(host: String, port: Int, timeout: Duration, isCancelled: () -> Bool) throws(GpsdError) {
        address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .unresolvable(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let socketDescriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard socketDescriptor >= 0 else { lastError = String(cString: strerror(errno)); continue }
            switch Self.connect(socketDescriptor, info.pointee.ai_addr, info.pointee.ai_addrlen, timeout: timeout, isCancelled: isCancelled) {
            case nil:
                descriptor = socketDescriptor
                return
            case let reason?:
                lastError = reason
                _ = Glibc.close(socketDescriptor)
            }
        }
        throw .connectFailed(address: address, reason: lastError)
    }

    deinit {
        _ = Glibc.close(descriptor)
    }

    /// Sends a command line (a newline is added).
    func send(_ command: String) throws(GpsdError) {
        let bytes = Array((command + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress!.advanced(by: offset), $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw .io(address: address, reason: "send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// The next line without its line ending, or `nil` when cancelled.
    func readLine(isCancelled: () -> Bool) throws(GpsdError) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            if buffer.count > 1 << 20 { throw .io(address: address, reason: "a report longer than 1 MiB") }
            guard let chunk = try receive(isCancelled: isCancelled) else { return nil }
            buffer += chunk
        }
    }

    private func receive(isCancelled: () -> Bool) throws(GpsdError) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while !isCancelled() {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 200)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            guard ready > 0 else { throw .io(address: address, reason: "poll: \(String(cString: strerror(errno)))") }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count != 0 else { throw .closed(address: address) }
            guard count > 0 else { throw .io(address: address, reason: "recv: \(String(cString: strerror(errno)))") }
            return Array(chunk.prefix(count))
        }
        return nil
    }

    /// Connects without blocking longer than `timeout`; returns `nil` on success or the reason.
    private static func connect(_ descriptor: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t,
                                timeout: Duration, isCancelled: () -> Bool) -> String? {
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        if Glibc.connect(descriptor, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if isCancelled() { return "cancelled" }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&entry, 1, 200)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size)
            return error == 0 ? nil : String(cString: strerror(error))
        }
        return "timed out after \(timeout)"
    }
}
