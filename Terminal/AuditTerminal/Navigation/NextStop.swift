import Foundation

/// What the next-stop panel says: the customer to go to, how far over the path, what to do next
/// and when the auditor arrives at walking pace.
public struct NextStop: Hashable, Sendable {
    /// The customer's record id.
    public var id: String
    /// Metres along the path to the customer.
    public var distance: Double
    /// The next instruction, e.g. "in 120 m turn left onto Maximilianstraße".
    public var instruction: String
    /// Seconds until arrival at the planned pace.
    public var secondsToArrival: Double
    /// Metres between the position and the path.
    public var offPath: Double

    /// A panel's facts.
    public init(id: String, distance: Double, instruction: String, secondsToArrival: Double, offPath: Double) {
        self.id = id
        self.distance = distance
        self.instruction = instruction
        self.secondsToArrival = secondsToArrival
        self.offPath = offPath
    }
}
