import Shared
import Testing

/// ``RecordState/restamp(from:to:newerThan:)``: a restored tablet's unseen writes move to its new
/// replica id and merge beside the server's writes that reused their counters.
@Suite("Re-stamping onto a new replica id")
struct RestampTests {
    static func stamp(_ ms: UInt64) -> HLCTimestamp { HLCTimestamp(milliseconds: ms) }

    @Test("entries newer than the high stamp get new dots with the same stamp and value; older ones stay; the vector stops claiming more")
    func movesOnlyNewerWrites() throws {
        var state = RecordState(kind: .customer, id: "cus-1")
        try state.write(.text("old name"), to: "name", by: "server", at: Self.stamp(5))
        try state.write(.text("kept"), to: "notes", by: "t-a", at: Self.stamp(10))            // t-a:1, accepted before
        try state.write(.text("new address"), to: "address", by: "t-a", at: Self.stamp(30))  // t-a:2, after the restore
        try state.write(.text("new name"), to: "name", by: "t-a", at: Self.stamp(31))      // t-a:3, after the restore

        var moved = state
        #expect(moved.restamp(from: "t-a", to: "t-a.2", newerThan: Self.stamp(20)) == 2)
        #expect(moved.vector["t-a"] == 1)
        #expect(moved.vector["t-a.2"] == 2)
        #expect(moved.vector["server"] == 1)
        #expect(try moved.register("notes").entries == [RegisterEntry(dot: Dot(replica: "t-a", counter: 1), stamp: Self.stamp(10), value: .text("kept"))])
        #expect(try moved.register("address").entries == [RegisterEntry(dot: Dot(replica: "t-a.2", counter: 1), stamp: Self.stamp(30), value: .text("new address"))])
        #expect(try moved.register("name").entries == [RegisterEntry(dot: Dot(replica: "t-a.2", counter: 2), stamp: Self.stamp(31), value: .text("new name"))])
        #expect(moved == state.restamped(from: "t-a", to: "t-a.2", newerThan: Self.stamp(20)))
    }

    @Test("without a high stamp every entry of the previous id moves and its component goes")
    func noHighStamp() throws {
        var state = RecordState(kind: .customer, id: "cus-1")
        try state.write(.text("a"), to: "notes", by: "t-a", at: Self.stamp(10))
        try state.write(.text("b"), to: "name", by: "t-b", at: Self.stamp(11))
        let moved = state.restamped(from: "t-a", to: "t-a.2", newerThan: nil)
        #expect(moved.vector["t-a"] == 0)
        #expect(moved.vector["t-a.2"] == 1)
        #expect(moved.value(of: "notes") == .text("a"))
        #expect(try moved.register("name") == state.register("name"))
    }

    @Test("a record the previous id never wrote is unchanged; one whose writes were all accepted only loses the claim past them")
    func untouched() throws {
        var state = RecordState(kind: .customer, id: "cus-1")
        try state.write(.text("x"), to: "notes", by: "server", at: Self.stamp(1))
        #expect(state.restamped(from: "t-a", to: "t-a.2", newerThan: Self.stamp(5)) == state)

        var seen = RecordState(kind: .customer, id: "cus-1")
        try seen.write(.text("x"), to: "notes", by: "t-a", at: Self.stamp(1))
        try seen.write(.text("y"), to: "notes", by: "server", at: Self.stamp(2))
        // The server overwrote t-a:1; the state holds no entry of t-a, so it claims none.
        let moved = seen.restamped(from: "t-a", to: "t-a.2", newerThan: Self.stamp(5))
        #expect(moved.vector["t-a"] == 0)
        #expect(moved.value(of: "notes") == .text("y"))
    }

    @Test("restored tablet: its write under a reused dot and the server's write under the same dot both survive the merge")
    func restoredMerge() throws {
        // The server got t-a:1 = name "lost name" (stamp 20) from the tablet's lost history.
        var server = RecordState(kind: .customer, id: "cus-1")
        try server.write(.text("lost name"), to: "name", by: "t-a", at: Self.stamp(20))
        // The restored tablet wrote notes under the same dot t-a:1, later.
        var tablet = RecordState(kind: .customer, id: "cus-1")
        try tablet.write(.text("after restore"), to: "notes", by: "t-a", at: Self.stamp(40))
        // Merged as is, the server's name is wiped: the tablet claims t-a:1 and does not hold it.
        #expect(try server.merged(with: tablet).value(of: "name") == nil)

        let fixed = tablet.restamped(from: "t-a", to: "t-a.2", newerThan: Self.stamp(20))
        let merged = try server.merged(with: fixed)
        #expect(merged.value(of: "name") == .text("lost name"))
        #expect(merged.value(of: "notes") == .text("after restore"))
        #expect(try fixed.merged(with: server) == merged)
    }
}
