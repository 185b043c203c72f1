// swift-tools-version: 6.1
// FieldAudit: offline-first field audits for an electric utility.
// Layout and dependency direction are fixed by ../shared/DESIGN.md:
// Terminal and Server depend on Shared and Sources/*, never on each other.
import PackageDescription

let package = Package(
    name: "FieldAudit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Shared", targets: ["Shared"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "AuditTerminal", targets: ["AuditTerminal"]),
        .library(name: "AuditServer", targets: ["AuditServer"]),
        .executable(name: "audit-terminal", targets: ["audit-terminal"]),
        .executable(name: "audit-server", targets: ["audit-server"]),
        .executable(name: "fieldaudit-bench", targets: ["fieldaudit-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Records, version vectors, merge, wire types, geo math. No I/O.
        .target(name: "Shared", path: "Shared"),

        // libcurl, reached through a small C shim with typed setters.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // zlib, reached through a small C shim (deflateInit2/inflateInit2 are macros).
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Whole-buffer gzip compress/decompress (HTTP bodies, OSM .gz extracts).
        .target(name: "Compression", dependencies: ["CZlib"], path: "Sources/Compression"),
        // HTTP client over libcurl, used by the terminal (sync) and the server (outbound calls).
        .target(
            name: "Transport",
            dependencies: ["CCurl", "Compression", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Transport"
        ),

        // Text messages: SMS gateways (Kannel's sendsms, a signed web hook), delivery reports, E.164 numbers.
        .target(
            name: "Messaging",
            dependencies: [
                "Shared", "Transport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Messaging"
        ),

        // Road graphs from OpenStreetMap (XML, .osm.gz, PBF), shortest paths, audit tours, guidance.
        .target(name: "Routing", dependencies: ["Shared", "Compression"], path: "Sources/Routing"),
        // Proof of presence: compact day tracks, signed and chained evidence, plausibility checks.
        .target(
            name: "Evidence",
            dependencies: ["Shared", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Evidence"
        ),
        // Positions: NMEA 0183 parsing, gpsd client, log and GPX replay.
        .target(
            name: "Positioning",
            dependencies: ["Shared", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Positioning"
        ),

        // Terminal cell widths of Unicode text and text set in columns: the tablet's screens and both command lines.
        .target(name: "TextLayout", path: "Sources/TextLayout"),

        // `--lang zh-CN|en` for both command lines: the option group over Shared's language choice.
        .target(
            name: "CommandLanguage",
            dependencies: ["Shared", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/CommandLanguage"
        ),

        // The tablet program: local cache, outbox, sync engine, text UI.
        .target(
            name: "AuditTerminal",
            dependencies: [
                "Shared", "Transport", "Compression", "TextUI", "Routing", "Positioning", "Evidence", "CommandLanguage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Terminal/AuditTerminal"
        ),
        // The ANSI text UI layer: terminal modes, cell buffer, diff renderer, input decoding. No ncurses.
        .target(name: "TextUI", dependencies: ["TextLayout"], path: "Terminal/TextUI"),
        .executableTarget(
            name: "audit-terminal",
            dependencies: ["AuditTerminal", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Terminal/audit-terminal"
        ),

        // The sync server: HTTP API, store, merge service, dispatch, MIS job.
        .target(
            name: "AuditServer",
            dependencies: [
                "Shared", "Transport", "Compression", "Routing", "Evidence", "CommandLanguage", "TextLayout", "Messaging",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Server/AuditServer",
            resources: [.copy("Console"), .copy("Quality/quality-rules.yaml")]
        ),
        .executableTarget(
            name: "audit-server",
            dependencies: ["AuditServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Server/audit-server"
        ),

        // Release-mode benchmarks named in the issues; see README "Benchmarks".
        .executableTarget(
            name: "fieldaudit-bench",
            dependencies: [
                "Shared", "Transport", "AuditTerminal", "Routing", "TextUI", "Evidence", "Positioning", "Compression",
                // scale: work orders and tablets for a province are set up in-process (the measured
                // requests still go over HTTP to audit-server processes).
                "AuditServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/fieldaudit-bench"
        ),

        // Helpers for tests: a small local HTTP server, process launching.
        .target(name: "TestSupport", dependencies: ["Compression"], path: "Tests/TestSupport"),
        .testTarget(
            name: "CompressionTests",
            dependencies: ["Compression"],
            path: "Tests/CompressionTests"
        ),
        .testTarget(
            name: "SharedTests",
            dependencies: ["Shared", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/SharedTests"
        ),
        .testTarget(
            name: "TextUITests",
            dependencies: ["TextUI", "AuditTerminal", "Shared", "Routing", "Positioning", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/TextUITests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: ["Routing", "Shared", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/RoutingTests"
        ),
        .testTarget(
            name: "EvidenceTests",
            dependencies: ["Evidence", "Shared", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/EvidenceTests"
        ),
        .testTarget(
            name: "PositioningTests",
            dependencies: ["Positioning", "TestSupport"],
            path: "Tests/PositioningTests"
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", "TestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TransportTests"
        ),
        .testTarget(
            name: "MessagingTests",
            dependencies: ["Messaging", "Shared", "Transport", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/MessagingTests"
        ),
        // The stores the server tests run against (SQLite, and PostgreSQL from scripts/test).
        .target(name: "StoreTestSupport", dependencies: ["AuditServer"], path: "Tests/StoreTestSupport"),
        .testTarget(
            name: "AuditServerTests",
            dependencies: ["AuditServer", "Shared", "Evidence", "Messaging", "StoreTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/AuditServerTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "Shared", "Transport", "AuditTerminal", "Evidence", "Positioning", "AuditServer", "StoreTestSupport", "Messaging",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/EndToEndTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
