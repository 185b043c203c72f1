import Foundation
import Positioning

/// What the status bar says about the tablet's link to the server, its outbox and its position.
public struct ConnectionStatus: Hashable, Sendable {
    /// Whether the tablet reached the server.
    public enum Link: Hashable, Sendable {
        /// Not enrolled: there is no server to reach.
        case notEnrolled
        /// No sync has finished since the UI opened.
        case unknown
        /// The last sync succeeded.
        case online
        /// The last sync failed, with a short reason.
        case offline(reason: String)
    }

    /// The link as of the last sync.
    public var link: Link = .unknown
    /// When the tablet was last in step with the server.
    public var lastSync: Date?
    /// Edits waiting to be sent.
    public var outbox = 0
    /// Batches the server refused, set aside on the tablet (`audit-terminal outbox`).
    public var refused = 0
    /// The position tracker's status; `nil` when no position source is attached.
    public var gps: PositionStatus?
    /// Whether a sync is running now.
    public var syncing = false

    /// Creates a status.
    public init(link: Link = .unknown, lastSync: Date? = nil, outbox: Int = 0, refused: Int = 0, gps: PositionStatus? = nil, syncing: Bool = false) {
        self.link = link
        self.lastSync = lastSync
        self.outbox = outbox
        self.refused = refused
        self.gps = gps
        self.syncing = syncing
    }
}
