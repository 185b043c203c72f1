#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket calls ``FaultProxy`` needs beyond what the test server uses: an outgoing
/// connection, and non-blocking reads and writes that tell end of stream, "try again" and a broken
/// connection apart (``POSIXSocket/read(_:capacity:)`` and ``POSIXSocket/writeAll(_:_:)`` cannot,
/// and a relay must react differently to each).
extension POSIXSocket {
    /// The outcome of ``receiveSome(_:capacity:)``.
    enum Received {
        /// Some bytes arrived.
        case bytes([UInt8])
        /// The peer finished sending (orderly shutdown).
        case endOfStream
        /// Nothing to read right now.
        case wouldBlock
        /// The connection broke (`ECONNRESET`, …); the value is `errno`.
        case failed(Int32)
    }

    /// Opens a TCP connection to 127.0.0.1:`port`.
    static func connectLoopback(port: Int) throws(TestServerError) -> Int32 {
        #if canImport(Glibc) || canImport(Musl)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw .system("socket", errno) }
        #if canImport(Darwin)
        var noSigPipe: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        while true {
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if connected == 0 { return descriptor }
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            throw .system("connect 127.0.0.1:\(port)", code)
        }
    }

    /// Reads up to `capacity` bytes without blocking.
    static func receiveSome(_ descriptor: Int32, capacity: Int) -> Received {
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { return .bytes(Array(buffer.prefix(count))) }
            if count == 0 { return .endOfStream }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    /// Writes as much of `bytes` as fits without blocking, never raising `SIGPIPE`.
    ///
    /// - Returns: The number of bytes written (0 when the send buffer is full), or `nil` when the
    ///   connection is broken (`EPIPE`, `ECONNRESET`, …).
    static func sendSome(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Int? {
        #if canImport(Glibc) || canImport(Musl)
        let flags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
        #else
        let flags = Int32(MSG_DONTWAIT)
        #endif
        while true {
            let written = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            if written >= 0 { return written }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            return nil
        }
    }

    /// Sends end-of-stream (FIN) while keeping the socket open for reading.
    static func shutdownOutput(_ descriptor: Int32) {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes `descriptor` so that the peer gets a TCP reset instead of an orderly end of stream
    /// (`SO_LINGER` with a zero timeout).
    static func closeWithReset(_ descriptor: Int32) {
        var immediate = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &immediate, socklen_t(MemoryLayout<linger>.size))
        close(descriptor)
    }
}
