/// Ends a waiting long-poll as soon as its device is revoked, even by another process.
///
/// While the pull waits, a second task waits for the ``ChangeNotifier`` to report a change to the
/// device table (the ``ChangeWatcher`` sees revocations committed by `audit-server device revoke`)
/// and authenticates the request's token again each time. When the token no longer passes, the
/// pull is cancelled and the request is answered `401 token_rejected`.
struct RevocationGuard: Sendable {
    let devices: DeviceRegistry
    let notifier: ChangeNotifier

    /// Runs `body`, throwing the authentication error as soon as `authorization` stops passing.
    func run<Value: Sendable>(authorization: String?, _ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let generation = await notifier.deviceGeneration
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await body() }
            group.addTask { [devices, notifier] in
                var seen = generation
                while !Task.isCancelled {
                    seen = await notifier.waitForDeviceChange(after: seen)
                    guard !Task.isCancelled else { break }
                    _ = try await devices.authenticate(authorization: authorization)
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }
}
