import Compression
import Foundation
import Hummingbird
import Shared

/// The HTTP API (documented in `openapi.yaml`): routes, authentication, bodies and errors.
public struct SyncRoutes: Sendable {
    let sync: SyncService
    let devices: DeviceRegistry
    let metrics: ServerMetrics
    let notifier: ChangeNotifier
    /// The largest request body accepted, in bytes (after decompression).
    let bodyLimit: Int

    /// Creates the routes over the services.
    public init(sync: SyncService, devices: DeviceRegistry, metrics: ServerMetrics, notifier: ChangeNotifier, bodyLimit: Int) {
        self.sync = sync
        self.devices = devices
        self.metrics = metrics
        self.notifier = notifier
        self.bodyLimit = bodyLimit
    }

    /// A router with every route and the JSON error middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(APIErrorMiddleware(metrics: metrics))
        router.get("/healthz") { _, _ in
            try JSONResponse.make(["status": "ok"], for: nil)
        }
        router.get("/metrics") { _, _ in
            let text = metrics.render(waitingPulls: await notifier.waitingCount)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/v1/device") { request, _ in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            return try JSONResponse.make(DeviceIdentity(name: device.name, auditor: device.auditor, replica: device.replica), for: request)
        }
        router.post("/v1/device/replica") { request, _ in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            return try JSONResponse.make(try await devices.newReplica(for: device), for: request)
        }
        router.post("/v1/sync/push") { request, _ in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            let started = ContinuousClock.now
            let body = try await RequestBody.read(request, limit: bodyLimit)
            let batch: PushRequest
            // The hand-written reader: several times faster, and it refuses (rather than crashes on)
            // nesting deeper than Foundation's decoder can take.
            do throws(WireError) { batch = try PushRequest.decodeFast(body) } catch { throw APIError.malformed(error) }
            let response: PushResponse
            do { response = try await sync.push(batch, from: device) } catch let error as APIError where (400..<500).contains(error.status) && error.status != 401 {
                await devices.recordRefusal(device: device.name, status: error.status, code: error.body.error, detail: error.body.detail)
                throw error
            }
            metrics.recordLatency("push", seconds: (ContinuousClock.now - started).seconds)
            return JSONResponse.make(encoded: response.encodeFast(), for: request)
        }
        router.get("/v1/sync/pull") { request, _ in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            let started = ContinuousClock.now
            let query = request.uri.queryParameters
            let cursor = try Self.parameter(query.get("cursor"), name: "cursor", default: Int64(0), valid: 0...Int64.max)
            let wait = try Self.parameter(query.get("wait"), name: "wait", default: 0.0, valid: 0...SyncService.maximumWait)
            let limit = try Self.parameter(query.get("limit"), name: "limit", default: SyncService.maximumPage, valid: 1...SyncService.maximumPage)
            let response = try await sync.pull(for: device, cursor: cursor, wait: wait, limit: limit)
            if wait == 0 { metrics.recordLatency("pull", seconds: (ContinuousClock.now - started).seconds) }
            return JSONResponse.make(encoded: response, for: request)
        }
        router.get("/v1/packets/:work_order") { request, context in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            let id = context.parameters.get("work_order") ?? ""
            let packet = try await sync.packet(workOrder: id)
            guard packet.assignee == device.auditor else {
                throw APIError.outOfScope(RecordKey(kind: .workOrder, id: id))
            }
            return JSONResponse.make(encoded: packet.json, for: request)
        }
        router.get("/v1/maps/:work_order") { request, context in
            let device = try await devices.authenticate(authorization: request.headers[.authorization])
            let id = context.parameters.get("work_order") ?? ""
            let map = try await sync.map(workOrder: id)
            guard map.assignee == device.auditor else {
                throw APIError.outOfScope(RecordKey(kind: .workOrder, id: id))
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: .init(byteBuffer: ByteBuffer(bytes: map.file)))
        }
        return router
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
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
