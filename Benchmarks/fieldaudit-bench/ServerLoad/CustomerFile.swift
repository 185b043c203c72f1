import Foundation
import Shared

/// A customer CSV that looks like a Bayreuth utility's file: 8-digit accounts, German, Chinese and
/// business names (some with commas and quotes, so RFC 4180 quoting is exercised), street addresses,
/// phone numbers and sites between 49.9–50.0 N and 11.5–11.65 E. The same seed gives the same file.
struct CustomerFile {
    /// How many customers to write.
    var count: Int
    /// Seed of the generator.
    var seed: UInt64 = 0x4641_5544_4954
    /// Rows whose tariff is written differently (an MIS export that drifted from the office's file).
    var drifted: (Int) -> Bool = { _ in false }
    /// The county code of row `index`; without it the file has no `county` column.
    var county: ((Int) -> String)? = nil
    /// The rows to write, a part of `0..<count` (a province loaded in steps); all when `nil`.
    var rows: Range<Int>? = nil

    /// The record id the import derives for row `index`: `cus-<account>`.
    func id(_ index: Int) -> String { "cus-\(account(index))" }

    /// Unique and increasing: steps of 7 to 19.
    func account(_ index: Int) -> Int { 30_000_000 + index * 13 + index % 7 }

    /// Writes the file and returns the customer ids in row order.
    func write(to path: String) throws -> [String] {
        let (text, ids) = csv()
        guard FileManager.default.createFile(atPath: path, contents: text) else {
            throw BenchFailure("cannot write \(path)")
        }
        return ids
    }

    /// The file's bytes and the customer ids in row order.
    func csv() -> (text: Data, ids: [String]) {
        let rows = rows ?? 0..<count
        // Each part of a file has a generator of its own, so parts can be written separately.
        var random = SplitMix64(seed: seed &+ UInt64(rows.lowerBound))
        var text = "account,name,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,notes"
            + (county == nil ? "\n" : ",county\n")
        text.reserveCapacity(rows.count * 180)
        var ids: [String] = []
        ids.reserveCapacity(rows.count)
        for index in rows {
            var row = row(index, &random)
            if let county { row.append(county(index)) }
            text += row.map(Self.quoted).joined(separator: ",") + "\n"
            ids.append(id(index))
        }
        return (Data(text.utf8), ids)
    }

    private func row(_ index: Int, _ random: inout SplitMix64) -> [String] {
        let roll = random.unit()
        let category: String
        switch roll {
        case ..<0.78: category = "residential"
        case ..<0.92: category = "commercial"
        case ..<0.96: category = "industrial"
        case ..<0.98: category = "agricultural"
        default: category = "public"
        }
        let (name, email) = name(category: category, index: index, &random)
        let street = Self.streets[random.below(Self.streets.count)]
        let number = 1 + random.below(140)
        let suffix = random.unit() < 0.1 ? ["a", "b", "c"][random.below(3)] : ""
        let postcode = ["95444", "95445", "95447", "95448"][random.below(4)]
        let address = "\(street) \(number)\(suffix), \(postcode) Bayreuth"
        let phone = random.unit() < 0.12 ? "" : "+49 921 \(100_000 + random.below(8_900_000))"
        let tariff = drifted(index) ? "H1-2027"
            : ["residential": "H0", "commercial": "G1", "industrial": "L-MS", "agricultural": "L2", "public": "G3"][category]!
        let capacity: Int
        switch category {
        case "industrial": capacity = 250 + random.below(750)
        case "commercial": capacity = 30 + random.below(130)
        default: capacity = 15 + random.below(20)
        }
        let phases = category == "residential" && random.unit() < 0.2 ? "1" : "3"
        let latitude = 49.9 + 0.1 * random.unit()
        let longitude = 11.5 + 0.15 * random.unit()
        let status = random.unit() < 0.95 ? "active" : "suspended"
        let notes = random.unit() < 0.06 ? Self.notes[random.below(Self.notes.count)] : ""
        return [String(account(index)), name, address, phone, email, category, tariff,
                "BT-F\(String(format: "%02d", 1 + random.below(36)))", "BT-TR-\(1000 + random.below(400))",
                String(capacity), phases, String(format: "%.6f", latitude), String(format: "%.6f", longitude), status, notes]
    }

    private func name(category: String, index: Int, _ random: inout SplitMix64) -> (name: String, email: String) {
        if category != "residential" {
            let business = Self.businesses[random.below(Self.businesses.count)]
            return (business, random.unit() < 0.5 ? "info\(index)@example.de" : "")
        }
        if random.unit() < 0.12 {
            let chinese = Self.chineseNames[random.below(Self.chineseNames.count)]
            return (random.unit() < 0.5 ? chinese.hanzi : "\(chinese.hanzi) (\(chinese.latin))", "")
        }
        let first = Self.firstNames[random.below(Self.firstNames.count)]
        let last = Self.lastNames[random.below(Self.lastNames.count)]
        let name = random.unit() < 0.15 ? "\(last), \(first)" : "\(first) \(last)"
        let email = random.unit() < 0.3 ? "\(Self.ascii(first)).\(Self.ascii(last))\(index % 100)@example.de" : ""
        return (name, email)
    }

    /// RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func ascii(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
    }

    static let firstNames = ["Anna", "Lukas", "Maria", "Jonas", "Sophie", "Felix", "Lena", "Maximilian", "Hannah", "Paul",
                             "Katharina", "Tobias", "Julia", "Stefan", "Ursula", "Günther", "Jürgen", "Bärbel", "Renate", "Horst"]
    static let lastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                            "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
                            "Schwarz", "Zimmermann", "Hübner", "Döring", "Popp", "Hacker", "Seuß"]
    static let chineseNames: [(hanzi: String, latin: String)] = [
        ("王伟", "Wang Wei"), ("李娜", "Li Na"), ("张敏", "Zhang Min"), ("刘洋", "Liu Yang"), ("陈静", "Chen Jing"),
        ("杨磊", "Yang Lei"), ("赵丽", "Zhao Li"), ("黄强", "Huang Qiang"), ("周杰", "Zhou Jie"), ("吴芳", "Wu Fang"),
    ]
    static let businesses = ["Bäckerei Lang GmbH", "Gasthof \"Zum Herzog\"", "Autohaus Frankenland, Inh. K. Bauer",
                             "Brauerei Maisel & Söhne", "Studentenwerk Oberfranken", "中华餐馆 China-Restaurant",
                             "Apotheke am Markt e.K.", "Schreinerei Popp, Meisterbetrieb", "Stadtwerke Bayreuth – Pumpwerk",
                             "Landwirtschaft Hacker GbR", "Grundschule St. Georgen", "亚洲超市 Asia-Markt"]
    static let streets = ["Maximilianstraße", "Richard-Wagner-Straße", "Opernstraße", "Ludwigstraße", "Bahnhofstraße",
                          "Friedrichstraße", "Kulmbacher Straße", "Nürnberger Straße", "Universitätsstraße", "Wittelsbacherring",
                          "Hohenzollernring", "Dürschnitz", "Brandenburger Straße", "Bernecker Straße", "Jean-Paul-Straße",
                          "Erlanger Straße", "Königsallee", "Albrecht-Dürer-Straße", "Carl-Schüller-Straße", "Wölfelstraße",
                          "Cosima-Wagner-Straße", "Spinnereistraße", "Markgrafenallee", "Justus-Liebig-Straße", "Am Mühlkanal"]
    static let notes = ["Zähler im Keller, Schlüssel beim Nachbarn", "Hund auf dem Grundstück", "Zugang nur nach Anmeldung",
                        "Zähler hinter Regal in der Garage", "请提前电话联系 (bitte vorher anrufen)"]
}


extension SplitMix64 {
    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
