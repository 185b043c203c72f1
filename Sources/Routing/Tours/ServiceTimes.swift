import Shared

/// How long an audit visit takes, by customer category: the office's figures, with one figure for
/// customers of any other (or no) category.
///
/// Written as `residential=10,commercial=15,default=8` (minutes), or a single number for every
/// category; categories left out keep the built-in figures.
public struct ServiceTimes: Sendable, Equatable {
    /// Seconds per category.
    public var byCategory: [CustomerCategory: Double]
    /// Seconds for a customer whose category is not listed or not known.
    public var fallback: Double

    /// The built-in figures: 10 minutes at a household, 15 at a commercial or public customer or a
    /// farm, 30 at an industrial site, 10 when the category is not known.
    public static let standard = ServiceTimes(
        byCategory: [.residential: 600, .commercial: 900, .industrial: 1800, .agricultural: 900, .public: 900], fallback: 600)

    /// Creates the figures.
    public init(byCategory: [CustomerCategory: Double], fallback: Double) {
        self.byCategory = byCategory
        self.fallback = fallback
    }

    /// Seconds at a customer of `category`.
    public func seconds(for category: CustomerCategory?) -> Double {
        category.flatMap { byCategory[$0] } ?? fallback
    }

    /// Why a service time text was refused.
    public struct ParseError: Error, CustomStringConvertible {
        /// What is wrong, in words.
        public var description: String
    }

    /// Reads `residential=10,commercial=15,default=8` (minutes) or `12` (every category), starting
    /// from `base` for whatever is not given.
    public init(parsing text: String, base: ServiceTimes = .standard) throws(ParseError) {
        self = base
        let categories = CustomerCategory.allCases.map(\.rawValue).joined(separator: ", ")
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).filter { !$0.isWhitespace } }
            guard let minutes = parts.last.flatMap(Double.init), minutes >= 0, minutes.isFinite else {
                throw ParseError(description: "\"\(item)\": expected minutes, as in residential=10 or 12")
            }
            if parts.count == 1 {
                byCategory = byCategory.mapValues { _ in minutes * 60 }
                fallback = minutes * 60
            } else if parts[0] == "default" {
                fallback = minutes * 60
            } else if let category = CustomerCategory(rawValue: parts[0]) {
                byCategory[category] = minutes * 60
            } else {
                throw ParseError(description: "\"\(parts[0])\" is not a customer category (\(categories)) or default")
            }
        }
    }
}
