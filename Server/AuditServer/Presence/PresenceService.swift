import Evidence
import Foundation
import Shared

/// Builds ``VisitPresence`` for stored visits: the visit's evidence (``VisitEvidence``), the site
/// from ``SiteHistory`` at the visit's time, the same auditor's previous visit, the auditor's
/// track from stored track batches, ``PresenceCheck``, and the signature and chain status.
///
/// One instance works inside one read transaction and keeps what several visits share (the
/// auditors' visits and tracks, each signer's chain problems), so `progress` reads them once.
final class PresenceService {
    let db: any StoreConnection
    /// The travel profile every visit is checked with; `nil`: each visit's work order's (foot when
    /// it names none).
    let travel: TravelProfile?
    /// How far around a visit the track is taken, in seconds.
    static let trackSpan: Int64 = 12 * 3600
    /// How many track points are shown on either side of a visit.
    static let shownPoints = 5

    private var visitsByAuditor: [String: [AuditVisit]]?
    private var tracksByAuditor: [String: [TrackPoint]]?
    private var chainProblems: [String: [EvidenceChain.Problem]] = [:]
    private var travelByWorkOrder: [String: TravelProfile?] = [:]

    init(db: any StoreConnection, travel: TravelProfile? = nil) {
        self.db = db
        self.travel = travel
    }

    /// The presence of the visit `id`, `nil` when there is no such visit.
    func presence(ofVisit id: String) throws -> VisitPresence? {
        guard let state = try RecordTable.load(RecordKey(kind: .auditVisit, id: id), in: db) else { return nil }
        return try presence(state)
    }

    /// The presence of a stored visit state.
    func presence(_ state: RecordState) throws -> VisitPresence {
        let visit = AuditVisit(state)
        let seconds = Self.seconds(visit.time) ?? 0
        let site = try SiteHistory.site(of: visit.customer.rawValue, at: seconds * 1000, in: db)
        let evidence = Self.evidence(visit, site: site)
        let previous = try visits(of: visit.auditor).last { $0.id != visit.id && (Self.seconds($0.time) ?? 0) < seconds }
        let track = try track(of: visit.auditor).filter { abs($0.seconds - seconds) <= Self.trackSpan }
        let profile = try travel ?? workOrderTravel(visit.workOrder.rawValue) ?? .foot
        let findings = PresenceCheck(rules: .profile(profile)).findings(for: evidence, previous: previous.map { Self.evidence($0, site: nil) }, track: track)
        func shown(_ point: TrackPoint) -> VisitPresence.Point {
            VisitPresence.Point(lat: point.point.latitude, lon: point.point.longitude, time: Self.iso(point.seconds),
                                accuracyM: point.accuracy, siteDistanceM: site.map { point.point.distance(to: $0) })
        }
        return VisitPresence(
            visit: visit.id.rawValue, workOrder: visit.workOrder.rawValue, customer: visit.customer.rawValue, auditor: visit.auditor,
            time: visit.time, source: evidence.source.rawValue, position: visit.fix, accuracyM: visit.fixAccuracyMeters,
            typedReason: visit.typedReason, fixTime: visit.fixTime, fixAgeS: visit.fixAgeSeconds, site: site,
            serverDistanceM: evidence.distanceToSite, tabletDistanceM: visit.distanceMeters, previousVisit: previous?.id.rawValue,
            profile: profile.rawValue, trackPoints: track.count,
            trackBefore: track.filter { $0.seconds <= seconds }.suffix(Self.shownPoints).map(shown),
            trackAfter: track.filter { $0.seconds > seconds }.prefix(Self.shownPoints).map(shown),
            findings: findings, signature: try signature(of: state))
    }

    /// What a visit claims, as the checks take it. The source is `gnss` when there is a fix and
    /// `fix_source` is `gnss` or absent (older tablets), `typed` when typed, else `none`.
    static func evidence(_ visit: AuditVisit, site: GeoPoint?) -> VisitEvidence {
        let source: VisitEvidence.Source
        switch visit.fixSource {
        case .typed?: source = visit.fix == nil ? .none : .typed
        case .gnss?, nil: source = visit.fix == nil ? .none : .gnss
        case .none?: source = .none
        }
        return VisitEvidence(id: visit.id.rawValue, seconds: seconds(visit.time) ?? 0, source: source, position: visit.fix,
                             accuracy: visit.fixAccuracyMeters, receiverSeconds: visit.fixTime.flatMap(seconds),
                             fixAge: visit.fixAgeSeconds, claimedDistance: visit.distanceMeters, site: site)
    }

    /// The signature and chain status of a stored visit.
    func signature(of state: RecordState) throws -> VisitPresence.Signature {
        guard state.text("signature") != nil else {
            return .init(status: .unsigned, signer: nil, device: nil, chainSeq: nil, problems: [])
        }
        let signer = state.text("signer") ?? ""
        let sequence = state.integer("chain_seq")
        let device = try DeviceRegistry.keyOwner(signer, in: db)
        guard device != nil else {
            return .init(status: .unknownSigner, signer: signer, device: nil, chainSeq: sequence, problems: [])
        }
        guard let item = StoredChains.item(state), EvidenceKey.isValid(item.signature, of: item.payload, by: signer) else {
            return .init(status: .badSignature, signer: signer, device: device, chainSeq: sequence, problems: [])
        }
        if chainProblems[signer] == nil { chainProblems[signer] = try StoredChains.problems(of: signer, in: db) }
        let touching = chainProblems[signer]!.filter { problem in
            switch problem {
            case .badSignature(let record), .brokenLink(let record, _): return record == item.record
            case .fork(_, let records): return records.contains(item.record)
            case .missing(_, let to): return to == item.sequence - 1
            }
        }
        return .init(status: touching.isEmpty ? .verified : .chainProblem, signer: signer, device: device, chainSeq: sequence,
                     problems: touching.map(\.description))
    }

    /// How the auditor of work order `id` travels, as the office set it.
    func workOrderTravel(_ id: String) throws -> TravelProfile? {
        if let known = travelByWorkOrder[id] { return known }
        let travel = try RecordTable.load(RecordKey(kind: .workOrder, id: id), in: db).flatMap { WorkOrder($0).travel }
        travelByWorkOrder[id] = travel
        return travel
    }

    /// Every stored, unretired visit of `auditor`, by time.
    func visits(of auditor: String) throws -> [AuditVisit] {
        if visitsByAuditor == nil {
            let all = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'audit_visit'")
                .map { AuditVisit(try RecordTable.decode($0)) }.filter { !$0.retired }
            visitsByAuditor = Dictionary(grouping: all, by: \.auditor).mapValues { $0.sorted { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) } }
        }
        return visitsByAuditor?[auditor] ?? []
    }

    /// Every point of `auditor`'s stored track batches, by time (a batch whose points do not
    /// decode is left out: the push that brought it could not check them).
    func track(of auditor: String) throws -> [TrackPoint] {
        if tracksByAuditor == nil {
            var tracks: [String: [TrackPoint]] = [:]
            for data in try db.values(Data.self, "SELECT state FROM records WHERE kind = 'track'") {
                let batch = TrackBatch(try RecordTable.decode(data))
                guard !batch.retired, let points = try? TrackCodec.decode(batch.points) else { continue }
                tracks[batch.auditor, default: []] += points
            }
            tracksByAuditor = tracks.mapValues { $0.sorted { $0.seconds < $1.seconds } }
        }
        return tracksByAuditor?[auditor] ?? []
    }

    /// Seconds since 1970 of an ISO 8601 UTC time.
    static func seconds(_ text: String) -> Int64? {
        FieldRule.parseTimestamp(text).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// ISO 8601 UTC of seconds since 1970.
    static func iso(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
    }
}
