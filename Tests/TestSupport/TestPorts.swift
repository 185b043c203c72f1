/// Helpers for choosing loopback ports in tests.
public enum TestPorts {
    /// A 127.0.0.1 port nothing listens on, for "connection refused" tests.
    ///
    /// Binds port 0 so the kernel picks a free port, reads the port, and closes the socket without
    /// listening. Another process could take the port afterwards, but the kernel hands out ephemeral
    /// ports in rotation, so in practice the port stays closed for the test.
    public static func closedPort() throws -> Int {
        let (descriptor, port) = try POSIXSocket.bindLoopback(port: 0, listening: false)
        POSIXSocket.close(descriptor)
        return port
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    public static func isListening(_ port: Int) -> Bool {
        guard let socket = try? POSIXSocket.connectLoopback(port: port) else { return false }
        POSIXSocket.close(socket)
        return true
    }
}
