import Hummingbird
import Shared
import Synchronization

/// When each tablet last called the server, kept in the device table for the office's device
/// page, written at most once per ``interval`` per device on each node, so that a fleet of
/// long-polling tablets costs a few small writes a second, not one per pull.
final class DeviceActivity: Sendable {
    /// How stale a device's last-seen time may get.
    static let interval: Int64 = 5 * 60 * 1000

    let devices: DeviceRegistry
    private let written = Mutex<[String: Int64]>([:])

    init(devices: DeviceRegistry) { self.devices = devices }

    /// Notes a call from `device` at `milliseconds`, in the store when the last note is older than
    /// the interval.
    func seen(_ device: String, at milliseconds: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws {
        let due = written.withLock { written in
            guard (written[device] ?? .min) <= milliseconds - Self.interval else { return false }
            written[device] = milliseconds
            return true
        }
        if due { try await devices.noteSeen(device, at: milliseconds) }
    }
}

/// Notes each device call the server answered without refusing it in ``DeviceActivity``: a
/// refused request writes nothing.
struct DeviceActivityMiddleware: RouterMiddleware {
    let activity: DeviceActivity

    func handle(_ request: Request, context: DeviceRequestContext,
                next: (Request, DeviceRequestContext) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if response.status.code < 400, let device = context.device?.name { try? await activity.seen(device) }
        return response
    }
}
