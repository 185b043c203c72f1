import AuditServer
import Foundation
import Shared

/// The quality benchmark's province: its customer file, a meter for each customer, defects
/// planted in one customer of 100, and the edits made before the second run.
struct QualityPlants {
    let province: Province

    /// The tariffs of the generated file's categories (CustomerFile), as a rules file sets them.
    static let tariffs = "rules:\n  tariff_category: {tariffs: {residential: [H0], commercial: [G1], industrial: [L-MS], agricultural: [L2], public: [G3]}}\n"

    private var file: CustomerFile { province.file(for: 0..<province.customers) }

    /// The customers whose records carry a planted defect: one in 100.
    var planted: [Int] { Array(stride(from: 50, to: province.customers, by: 100)) }
    var plantedCount: Int { planted.count }

    func writeCustomers(to path: String) throws { _ = try file.write(to: path) }

    /// One meter in service per customer (`M<index>`), and for a fifth of the planted customers
    /// a second meter with another meter's serial.
    func writeMeters(to path: String) throws {
        var text = "serial,kind,id,customer_account,status\n"
        text.reserveCapacity(province.customers * 40)
        for index in 0..<province.customers { text += "M\(index),meter,dev-M\(index),\(file.account(index)),in_service\n" }
        for index in planted where index % 500 == 450 { text += "M\(index + 1),meter,dev-X\(index),\(file.account(index)),in_service\n" }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw BenchFailure("cannot write \(path)") }
    }

    /// Plants the customers' defects through the dispatcher's service, in batches.
    func plant(in database: any ServerStore) throws {
        let service = DispatchService(database: database)
        for batch in stride(from: 0, to: planted.count, by: 2_000).map({ Array(planted[$0..<min($0 + 2_000, planted.count)]) }) {
            let customers = try batch.map { index -> Customer in
                var customer = Customer(id: try TypedID(file.id(index)), account: String(file.account(index)), name: "客户 \(index)")
                switch index / 100 % 4 {
                case 0: customer.category = .residential; customer.capacityKVA = 250
                case 1: customer.phone = "0000000"
                case 2: customer.account = String(file.account(index - 1))
                default: customer.tariff = "T9"; customer.category = .residential
                }
                return customer
            }
            _ = try service.save(customers, only: ["category", "capacity_kva", "phone", "account", "tariff"])
        }
    }

    /// Edits `count` customers spread over the province: a capacity that is now too high.
    func edit(_ count: Int, in database: any ServerStore) throws {
        guard count > 0 else { return }
        let service = DispatchService(database: database)
        let indices = Province.sample(count, of: province.customers)
        for batch in stride(from: 0, to: indices.count, by: 2_000).map({ Array(indices[$0..<min($0 + 2_000, indices.count)]) }) {
            let customers = try batch.map { index -> Customer in
                var customer = Customer(id: try TypedID(file.id(index)), account: String(file.account(index)), name: "客户 \(index)")
                customer.capacityKVA = 400
                return customer
            }
            _ = try service.save(customers, only: ["capacity_kva"])
        }
    }
}
