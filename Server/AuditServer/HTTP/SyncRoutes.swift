import Compression
import Foundation
import Hummingbird
import Shared

/// The HTTP API (documented in `openapi.yaml`): routes, authentication, limits, bodies and errors.
///
/// Every route under `/v1` sits in one group whose middleware authenticates the device token
/// (``DeviceAuthenticator``) and applies the per-device request rate (``DeviceRateLimiter``); its
/// handlers receive an ``AuthenticatedDeviceContext`` carrying the device.
public struct SyncRoutes: Sendable {
    let sync: SyncService
    let devices: DeviceRegistry
    let metrics: ServerMetrics
    let notifier: ChangeNotifier
    /// The largest request body accepted, in bytes (after decompression).
    let bodyLimit: Int
    /// Per-device limits on long-polls and request rate.
    let limits: DeviceLimits
    /// The store's epoch, named on every answer.
    let epoch: StoreEpoch
    /// The office console, when served.
    var console: ConsoleRoutes?
    /// Where SMS gateways report delivery, when set.
    var deliveryReports: DeliveryReportRoutes?

    /// Creates the routes over the services.
    public init(sync: SyncService, devices: DeviceRegistry, metrics: ServerMetrics, notifier: ChangeNotifier, bodyLimit: Int,
                limits: DeviceLimits = .default, epoch: StoreEpoch) {
        self.sync = sync
        self.devices = devices
        self.metrics = metrics
        self.notifier = notifier
        self.bodyLimit = bodyLimit
        self.limits = limits
        self.epoch = epoch
    }

    /// A router with every route and the JSON error middleware.
    public func router() -> Router<DeviceRequestContext> {
        let router = Router(context: DeviceRequestContext.self)
        router.middlewares.add(StoreEpochMiddleware(epoch: epoch))
        router.middlewares.add(APIErrorMiddleware(metrics: metrics))
        if let console {
            for files in console.fileMiddlewares() { router.middlewares.add(files) }
            console.add(to: router)
        }
        deliveryReports?.add(to: router)
        router.get("/healthz") { [sync] _, _ in
            let health = await StoreHealth.check(sync.database)
            return try JSONResponse.make(health, status: health.isHealthy ? .ok : .serviceUnavailable, for: nil)
        }
        router.get("/metrics") { [metrics, notifier] _, _ in
            let text = metrics.render(waitingPulls: await notifier.waitingCount)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        var v1 = router.group("/v1").add(middleware: DeviceAuthenticator(devices: devices))
            .add(middleware: DeviceActivityMiddleware(activity: DeviceActivity(devices: devices)))
        if limits.requestsPerSecond > 0 {
            v1 = v1.add(middleware: DeviceRateLimitMiddleware(limiter: DeviceRateLimiter(rate: limits.requestsPerSecond, burst: limits.burst)))
        }
        addDeviceRoutes(to: v1.group(context: AuthenticatedDeviceContext.self))
        return router
    }

    func addDeviceRoutes(to v1: RouterGroup<AuthenticatedDeviceContext>) {
        let longPolls = LongPollLimiter(limit: limits.longPolls > 0 ? limits.longPolls : .max)
        let revocation = RevocationGuard(devices: devices, notifier: notifier)
        v1.get("/device") { request, context in
            let device = context.device
            return try JSONResponse.make(DeviceIdentity(name: device.name, auditor: device.auditor, replica: device.replica), for: request)
        }
        v1.post("/device/replica") { [devices] request, context in
            try JSONResponse.make(try await devices.newReplica(for: context.device), for: request)
        }
        v1.post("/device/key") { [devices] request, context in
            let body = try await RequestBody.read(request, limit: 4_096)
            return try JSONResponse.make(try await devices.register(body: body, for: context.device), for: request)
        }
        v1.post("/sync/push") { [sync, metrics, bodyLimit, devices] request, context in
            let started = ContinuousClock.now
            let body = try await RequestBody.read(request, limit: bodyLimit)
            let batch: PushRequest
            // The hand-written reader: several times faster, and it refuses (rather than crashes on)
            // nesting deeper than Foundation's decoder can take.
            do throws(WireError) { batch = try PushRequest.decodeFast(body) } catch { throw APIError.malformed(error) }
            let device = context.device
            let response: PushResponse
            do { response = try await sync.push(batch, from: device) } catch let error as APIError where (400..<500).contains(error.statusCode) && error.statusCode != 401 {
                // A refused push writes nothing but this note, which the office reads in `device list`.
                await devices.recordRefusal(device: device.name, status: error.statusCode, code: error.body.error, detail: error.body.detail)
                throw error
            }
            metrics.recordLatency("push", seconds: (ContinuousClock.now - started).seconds)
            return JSONResponse.make(encoded: response.encodeFast(), for: request)
        }
        v1.get("/sync/pull") { [sync, metrics] request, context in
            let started = ContinuousClock.now
            let query = request.uri.queryParameters
            let cursor = try Self.parameter(query.get("cursor"), name: "cursor", default: Int64(0), valid: 0...Int64.max)
            let wait = try Self.parameter(query.get("wait"), name: "wait", default: 0.0, valid: 0...SyncService.maximumWait)
            let limit = try Self.parameter(query.get("limit"), name: "limit", default: SyncService.maximumPage, valid: 1...SyncService.maximumPage)
            let generation = try Self.findingsGeneration(query.get("findings_generation"))
            let device = context.device
            guard wait > 0 else {
                let response = try await sync.pull(for: device, cursor: cursor, wait: 0, limit: limit, findingsGeneration: generation)
                metrics.recordLatency("pull", seconds: (ContinuousClock.now - started).seconds)
                return JSONResponse.make(encoded: response, for: request)
            }
            // A long-poll: counted against the device's limit, and ended as soon as it is revoked.
            let response = try await longPolls.run(for: device.name) {
                try await revocation.run(authorization: request.headers[.authorization]) {
                    try await sync.pull(for: device, cursor: cursor, wait: wait, limit: limit, findingsGeneration: generation)
                }
            }
            return JSONResponse.make(encoded: response, for: request)
        }
        v1.get("/packets/:work_order") { [sync] request, context in
            let id = context.parameters.get("work_order") ?? ""
            let packet = try await sync.packet(workOrder: id)
            guard packet.assignee == context.device.auditor else {
                throw APIError.outOfScope(RecordKey(kind: .workOrder, id: id))
            }
            return JSONResponse.make(encoded: packet.json, for: request)
        }
        v1.get("/maps/:work_order") { [sync] request, context in
            let id = context.parameters.get("work_order") ?? ""
            let map = try await sync.map(workOrder: id)
            guard map.assignee == context.device.auditor else {
                throw APIError.outOfScope(RecordKey(kind: .workOrder, id: id))
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: .init(byteBuffer: ByteBuffer(bytes: map.file)))
        }
    }

    /// Reads a query parameter, refusing values that do not parse or fall outside `valid`.
    static func parameter<Value: LosslessStringConvertible & Comparable>(
        _ text: String?, name: String, default fallback: Value, valid: ClosedRange<Value>
    ) throws(APIError) -> Value {
        guard let text else { return fallback }
        guard let value = Value(text), valid.contains(value) else {
            throw APIError.badParameter(name, "must be a number from \(valid.lowerBound) to \(valid.upperBound) (got \"\(text)\")")
        }
        return value
    }

    /// Reads `findings_generation`: absent, or the digits of a generation the server sent.
    static func findingsGeneration(_ text: String?) throws(APIError) -> String? {
        guard let text else { return nil }
        guard QualityGeneration.isWellFormed(text) else {
            throw APIError.badParameter("findings_generation", "must be 1 to \(QualityGeneration.maximumLength) digits, as a pull's findings_generation names it (got \"\(text.prefix(40))\")")
        }
        return text
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
