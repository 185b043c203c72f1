import Foundation
import Routing
import Shared

/// The rules that read one customer alone: a place, a capacity and tariff that fit the category,
/// a phone and an email that can be real. Checked whenever the customer changed.
struct RecordChecks: Sendable {
    let settings: QualitySettings
    /// The service area: the rules file's box, else the imported road map's; `nil` rests the rule.
    let serviceArea: GeoBox?
    /// The imported map's streets; `nil` rests the street rule.
    let streets: StreetIndex?
    // The settings the rules read for every customer, taken from the rules file once.
    private let maxKVA: [CustomerCategory: Double]
    private let tariffs: [CustomerCategory: Set<String>]
    private let placeholderDomains: Set<String>
    private let phoneMinDigits: Int

    init(settings: QualitySettings, serviceArea: GeoBox?, streets: StreetIndex? = nil) {
        self.settings = settings
        self.serviceArea = serviceArea
        self.streets = streets
        (maxKVA, tariffs, placeholderDomains, phoneMinDigits) = (settings.maxKVA, settings.tariffs, settings.placeholderDomains, settings.phoneMinDigits)
    }

    /// What the rules find in `customer` (nothing for a retired one).
    func findings(_ customer: Customer) -> [QualityFinding] {
        guard !customer.retired else { return [] }
        var found: [QualityFinding] = []
        func add(_ rule: QualityRule, _ detail: [String: String] = [:]) {
            guard settings.isEnabled(rule) else { return }
            found.append(QualityFinding(rule: rule, subject: customer.id.rawValue, county: customer.county, severity: settings.severity(rule), detail: detail))
        }
        if let location = customer.location {
            if let area = serviceArea, !area.contains(location) {
                add(.locationOutsideArea, ["lat": Self.coordinate(location.latitude), "lon": Self.coordinate(location.longitude)])
            }
            if let streets, let street = customer.address.flatMap(StreetIndex.street(ofAddress:)),
               let distance = streets.distance(from: location, toStreet: street), distance > settings.farFromStreetMeters {
                add(.farFromStreet, ["street": street, "distance": String(Int(distance.rounded()))])
            }
        } else {
            add(.missingLocation)
        }
        if let category = customer.category {
            if let capacity = customer.capacityKVA, let limit = maxKVA[category], capacity > limit {
                add(.capacityCategory, ["capacity": Self.number(capacity), "limit": Self.number(limit), "category": category.rawValue])
            }
            if let tariff = customer.tariff, let allowed = tariffs[category], !allowed.contains(tariff) {
                add(.tariffCategory, ["tariff": tariff, "category": category.rawValue, "allowed": allowed.sorted().joined(separator: ", ")])
            }
        }
        switch customer.phone {
        case nil: add(.phoneMissing)
        case let phone?: if !isPlausible(phone: phone) { add(.phoneInvalid, ["phone": phone]) }
        }
        switch customer.email {
        case nil: add(.emailMissing)
        case let email?:
            let domain = email.split(separator: "@").last.map { $0.lowercased() } ?? ""
            if placeholderDomains.contains(domain) { add(.emailInvalid, ["email": email]) }
        }
        return found
    }

    /// Enough digits, and not one digit over and over (a phone holds only ASCII: digits, `+`,
    /// spaces and dashes).
    func isPlausible(phone: String) -> Bool {
        var count = 0
        var first: UInt8?
        var varied = false
        for byte in phone.utf8 where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            count += 1
            if let first { varied = varied || byte != first } else { first = byte }
        }
        return count >= phoneMinDigits && varied
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int64(value)) : String(format: "%.1f", value)
    }

    private static func coordinate(_ value: Double) -> String { String(format: "%.5f", value) }
}
