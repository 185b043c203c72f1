import ArgumentParser
import CommandLanguage
import Evidence
import Foundation
import Shared

/// `audit-server presence`: whether an auditor was really at a visit's site, and whether a
/// device's signed evidence chains are whole.
struct PresenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence",
        abstract: "Show the proof of presence of a visit, or re-check a device's signed evidence chains.",
        discussion: """
            audit-server presence ID shows one visit: where its position came from (gnss, typed, none: \
            a typed position is never proof), the server's own distance to the customer's site as it \
            was at the visit's time against the tablet's figure, the auditor's track on either side, \
            every plausibility check and the visit's signature.

            audit-server presence verify --device NAME re-checks every chain of every key the device \
            registered, from the stored records.

            Examples:
              audit-server presence --data /var/lib/fieldaudit vis-3f2a9c
              audit-server presence verify --data /var/lib/fieldaudit --device tab-anna
            """,
        subcommands: [Show.self, Verify.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a visit with its evidence, its track on either side and every check's result.",
            discussion: """
                Checks (by the work order's travel profile, or --profile: 50 m presence radius, top speed 3 m/s on foot and \
                45 m/s by car, 10 m distance tolerance, \
                120 s clock tolerance, 10 s fix freshness, track searched 15 min around the visit): typed \
                or no position, far from the site, the tablet's distance disagreeing with the server's, \
                the speed implied from the previous visit or track point, a visit outside the track's \
                span, a track that never came near the site, the receiver's clock against the tablet's, \
                a stale fix. The signature is "signed and verified", "unsigned" (an older tablet), or \
                names what is wrong with it or its chain. Exits 0 whatever it finds; 1 for an unknown visit.

                Example: audit-server presence --data /var/lib/fieldaudit vis-3f2a9c --json
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The visit's id.") var id: String
        @Option(help: "Check with this travel profile's speeds, foot (3 m/s) or car (45 m/s), instead of the work order's.")
        var profile: TravelProfile?
        @Flag(help: "Print JSON: the visit, source, position, site, server_distance_m, tablet_distance_m, track_before/after, findings [{code, detail}] and signature {status, signer, device, chain_seq, problems}.")
        var json = false

        func run() async throws {
            let database = try data.open()
            guard let presence = try await database.read({ db in try PresenceService(db: db, travel: profile).presence(ofVisit: id) }) else {
                throw ExitCodeMessage(messages.language.localized("server.presence.no_visit", ["id": id]))
            }
            print(json ? String(decoding: try WireCoding.encode(presence), as: UTF8.self) : presence.text(in: messages.language))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check every signed evidence chain of a device; exit 1 when any is broken.",
            discussion: """
                For each key the device registered (POST /v1/device/key; a restored or re-enrolled \
                tablet starts a new chain with a new key, the old one stays checkable), the visits and \
                track batches it signed are rebuilt from the stored records and checked: every \
                signature holds, no place of the chain is missing (a visit removed on the tablet, or \
                not synced yet) or claimed twice, and each item names the link of the one before it (a \
                reordered or altered item). Exits 1 when any chain has a problem.

                Example: audit-server presence verify --data /var/lib/fieldaudit --device tab-anna
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: "The device's name, as enrolled.") var device: String
        @Flag(help: "Print JSON: {device, keys: [{public_key, items, problems: [text]}], problems: count}.") var json = false

        struct Answer: Encodable {
            var device: String
            var keys: [StoredChains.KeyReport]
            var problems: Int
        }

        func run() async throws {
            let language = messages.language
            let database = try data.open()
            guard try DeviceRegistry(database: database).device(named: device) != nil else {
                throw ExitCodeMessage(language.localized("server.presence.no_device", ["device": device]))
            }
            let keys = try await database.read { db in try StoredChains.verify(device: device, in: db) }
            let answer = Answer(device: device, keys: keys, problems: keys.reduce(0) { $0 + $1.problems.count })
            if json {
                print(String(decoding: try WireCoding.encode(answer), as: UTF8.self))
            } else {
                print(language.localized("server.presence.device_keys", ["device": device, "count": keys.count]))
                for key in keys {
                    let state = key.problems.isEmpty ? language.localized("server.presence.chain_whole")
                        : language.localized("server.presence.problems", ["count": key.problems.count])
                    print(language.localized("server.presence.key", ["key": key.publicKey, "items": key.items, "state": state]))
                    for problem in key.problems { print("  \(problem)") }
                }
            }
            if answer.problems > 0 { throw ExitCode(1) }
        }
    }
}
