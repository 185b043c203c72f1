import Shared
import Testing
import TextUI

@Suite("Input decoder")
struct InputDecoderTests {
    static func decode(_ text: String, flush: Bool = true) -> [InputEvent] {
        decode(Array(text.utf8), flush: flush)
    }

    static func decode(_ bytes: [UInt8], flush: Bool = true) -> [InputEvent] {
        var decoder = InputDecoder()
        var events = decoder.feed(bytes)
        if flush { events += decoder.flushPendingEscape() }
        return events
    }

    /// Feeds `bytes` in the given chunk sizes (cycled), flushing only at the end.
    static func decodeInChunks(_ bytes: [UInt8], sizes: [Int]) -> [InputEvent] {
        var decoder = InputDecoder()
        var events: [InputEvent] = []
        var index = 0, chunk = 0
        while index < bytes.count {
            let size = max(1, sizes[chunk % sizes.count])
            events += decoder.feed(Array(bytes[index..<min(bytes.count, index + size)]))
            index += size
            chunk += 1
        }
        return events + decoder.flushPendingEscape()
    }

    @Test("printable text, including CJK, one event per grapheme")
    func text() {
        #expect(Self.decode("aZ王小明") == ["a", "Z", "王", "小", "明"].map { .key(.character($0)) })
        #expect(Self.decode("e\u{0301}x") == [.key(.character("e\u{0301}")), .key(.character("x"))])
    }

    @Test("control keys")
    func controls() {
        #expect(Self.decode([0x0D, 0x09, 0x7F, 0x08, 0x01, 0x03, 0x1A, 0x00]) == [
            .key(.enter), .key(.tab), .key(.backspace), .key(.backspace),
            .key(.character("a"), .control), .key(.character("c"), .control), .key(.character("z"), .control),
            .key(.character(" "), .control),
        ])
    }

    @Test("navigation and function keys in their common encodings")
    func sequences() {
        let cases: [(String, InputEvent)] = [
            ("\u{1B}[A", .key(.up)), ("\u{1B}[B", .key(.down)), ("\u{1B}[C", .key(.right)), ("\u{1B}[D", .key(.left)),
            ("\u{1B}OA", .key(.up)), ("\u{1B}[H", .key(.home)), ("\u{1B}[F", .key(.end)),
            ("\u{1B}OH", .key(.home)), ("\u{1B}OF", .key(.end)), ("\u{1B}[1~", .key(.home)), ("\u{1B}[4~", .key(.end)),
            ("\u{1B}[2~", .key(.insert)), ("\u{1B}[3~", .key(.delete)),
            ("\u{1B}[5~", .key(.pageUp)), ("\u{1B}[6~", .key(.pageDown)),
            ("\u{1B}OP", .key(.function(1))), ("\u{1B}OS", .key(.function(4))),
            ("\u{1B}[11~", .key(.function(1))), ("\u{1B}[15~", .key(.function(5))), ("\u{1B}[17~", .key(.function(6))),
            ("\u{1B}[21~", .key(.function(10))), ("\u{1B}[23~", .key(.function(11))), ("\u{1B}[24~", .key(.function(12))),
            ("\u{1B}[1;5C", .key(.right, .control)), ("\u{1B}[1;2A", .key(.up, .shift)),
            ("\u{1B}[3;3~", .key(.delete, .alt)), ("\u{1B}[1;5P", .key(.function(1), .control)),
            ("\u{1B}[Z", .key(.tab, .shift)),
        ]
        for (input, expected) in cases {
            #expect(Self.decode(input) == [expected], "\(input.debugDescription)")
        }
    }

    @Test("Escape alone versus Alt with a key")
    func escapeVersusAlt() {
        var decoder = InputDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPendingEscape)
        #expect(decoder.flushPendingEscape() == [.key(.escape)])
        #expect(!decoder.hasPendingEscape)
        #expect(decoder.flushPendingEscape().isEmpty)

        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.feed(Array("x".utf8)) == [.key(.character("x"), .alt)])
        #expect(Self.decode("\u{1B}王") == [.key(.character("王"), .alt)])
        #expect(Self.decode("\u{1B}\u{7F}") == [.key(.backspace, .alt)])
        #expect(Self.decode("\u{1B}\u{1B}[A") == [.key(.escape), .key(.up)])
        #expect(Self.decode("\u{1B}[") == [.key(.character("["), .alt)])
        #expect(Self.decode("\u{1B}O") == [.key(.character("O"), .alt)])
        #expect(Self.decode("\u{1B}[1") == [.key(.character("["), .alt), .key(.character("1"))])
    }

    @Test("bracketed paste is delivered whole, escape-like text included")
    func paste() {
        let pasted = "line1\r\n\u{1B}[A王\u{1B}x\u{1B}[200~"
        let input = "a\u{1B}[200~" + pasted + "\u{1B}[201~b"
        let expected: [InputEvent] = [.key(.character("a")), .paste(pasted), .key(.character("b"))]
        #expect(Self.decode(input) == expected)
        let bytes = Array(input.utf8)
        #expect(Self.decodeInChunks(bytes, sizes: [1]) == expected)
        for size in 2...9 { #expect(Self.decodeInChunks(bytes, sizes: [size]) == expected, "chunk \(size)") }
    }

    @Test("SGR mouse: press, drag, release, wheel, modifiers")
    func mouse() {
        #expect(Self.decode("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(.press(.left), x: 9, y: 4))])
        #expect(Self.decode("\u{1B}[<32;11;5M") == [.mouse(MouseEvent(.drag(.left), x: 10, y: 4))])
        #expect(Self.decode("\u{1B}[<0;12;6m") == [.mouse(MouseEvent(.release(.left), x: 11, y: 5))])
        #expect(Self.decode("\u{1B}[<2;1;1M") == [.mouse(MouseEvent(.press(.right), x: 0, y: 0))])
        #expect(Self.decode("\u{1B}[<64;3;4M") == [.mouse(MouseEvent(.wheelUp, x: 2, y: 3))])
        #expect(Self.decode("\u{1B}[<65;3;4M") == [.mouse(MouseEvent(.wheelDown, x: 2, y: 3))])
        #expect(Self.decode("\u{1B}[<35;7;8M") == [.mouse(MouseEvent(.move, x: 6, y: 7))])
        #expect(Self.decode("\u{1B}[<20;200;100M") == [.mouse(MouseEvent(.press(.left), x: 199, y: 99, modifiers: [.shift, .control]))])
    }

    @Test("invalid UTF-8 becomes U+FFFD and decoding goes on")
    func invalidUTF8() {
        let replacement = InputEvent.key(.character("\u{FFFD}"))
        #expect(Self.decode([0xFF, 0x61]) == [replacement, .key(.character("a"))])
        #expect(Self.decode([0x80]) == [replacement])
        #expect(Self.decode([0xE4, 0xB8, 0x41]) == [replacement, .key(.character("A"))])  // truncated 3-byte
        #expect(Self.decode([0xC0, 0xAF]) == [replacement, replacement])  // overlong
        #expect(Self.decode([0xED, 0xA0, 0x80]) == [replacement, replacement, replacement])  // surrogate
        #expect(Self.decode([0xE4, 0xB8, 0x1B, 0x5B, 0x41]) == [replacement, .key(.up)])
        var decoder = InputDecoder()
        #expect(decoder.feed([0xE4, 0xB8]).isEmpty)  // incomplete: held
        #expect(decoder.feed([0xAD]) == [.key(.character("中"))])
    }

    @Test("every split of a mixed sequence gives the same events")
    func splits() {
        let input = "a王\u{1B}[1;5C\u{1B}OP\u{1B}[<0;3;4M\u{1B}x\u{1B}[15~\u{1B}[200~p\u{1B}[Aq\u{1B}[201~\u{7F}明\u{1B}"
        let bytes = Array(input.utf8)
        let expected = Self.decode(bytes)
        #expect(expected == [
            .key(.character("a")), .key(.character("王")), .key(.right, .control), .key(.function(1)),
            .mouse(MouseEvent(.press(.left), x: 2, y: 3)), .key(.character("x"), .alt), .key(.function(5)),
            .paste("p\u{1B}[Aq"), .key(.backspace), .key(.character("明")), .key(.escape),
        ])
        #expect(Self.decodeInChunks(bytes, sizes: [1]) == expected)
        for cut in 1..<bytes.count {
            var decoder = InputDecoder()
            let events = decoder.feed(Array(bytes[..<cut])) + decoder.feed(Array(bytes[cut...])) + decoder.flushPendingEscape()
            #expect(events == expected, "cut at \(cut)")
        }
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<200 {
            let sizes = (0..<8).map { _ in Int.random(in: 1...7, using: &rng) }
            #expect(Self.decodeInChunks(bytes, sizes: sizes) == expected, "sizes \(sizes)")
        }
    }
}
