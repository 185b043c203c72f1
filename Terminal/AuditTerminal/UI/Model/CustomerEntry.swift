import Foundation
import Shared

/// One customer of today's work as the Today list and the map show it.
public struct CustomerEntry: Hashable, Sendable {
    /// The work order the customer belongs to.
    public var orderID: String
    /// The customer as the work list has it.
    public var id: String
    /// The MIS account number.
    public var account: String
    /// The customer's name.
    public var name: String
    /// The address, if known.
    public var address: String?
    /// The serial numbers of the customer's devices (meters first).
    public var serials: [String]
    /// The supply point's position, if known.
    public var location: GeoPoint?
    /// Where the customer stands.
    public var status: StopStatus
    /// The work list's symbol for the stop (tells not-found and no-access apart from verified).
    public var symbol: String

    /// An entry with the given facts.
    public init(orderID: String, id: String, account: String, name: String, address: String?, serials: [String],
                location: GeoPoint?, status: StopStatus, symbol: String) {
        self.orderID = orderID
        self.id = id
        self.account = account
        self.name = name
        self.address = address
        self.serials = serials
        self.location = location
        self.status = status
        self.symbol = symbol
    }

    /// Whether the customer matches a search: `query` found, ignoring case, in the name, account,
    /// address or a device serial. An empty query matches everything.
    public func matches(_ query: String) -> Bool {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return true }
        return ([name, account, address ?? ""] + serials).contains { $0.lowercased().contains(needle) }
    }
}
