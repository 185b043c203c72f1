/// Why a callback's query is not a delivery report.
public enum DeliveryReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A parameter the report needs is missing or empty.
    case missing(String)
    /// The `type` is not one of Kannel's report kinds.
    case unknownType(String)

    /// One line naming what is wrong.
    public var description: String {
        switch self {
        case .missing(let name):
            return "delivery report without \(name)"
        case .unknownType(let text):
            return "delivery report type \"\(text)\" is not one of Kannel's (1 delivered, 2 undelivered, 4 buffered, 8 SMSC accepted, 16 SMSC rejected)"
        }
    }
}
