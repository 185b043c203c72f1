import Messaging
import Testing

@Suite("GSM 7-bit or UCS-2, and how many messages a text takes")
struct SMSCodingTests {
    @Test("English, German and the GSM alphabet's symbols go as GSM 7-bit",
          arguments: ["Work order 1042 is due today.", "Zähler Öffnen: Straße müssen", "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡§¿àÑÜñü",
                      "line\nbreak\r\n", "€ [1] {a|b} ~x^ \\", ""])
    func gsm(text: String) {
        #expect(SMSCoding.choose(for: text) == .gsm7)
        #expect(GSMAlphabet.canEncode(text))
    }

    @Test("Chinese, accents outside the GSM alphabet and emoji go as UCS-2",
          arguments: ["新的紧急工单：请今天完成", "Wei 王 ok", "ç", "á", "Ő", "`", "customer ✓", "👍", "—"])
    func ucs2(text: String) {
        #expect(SMSCoding.choose(for: text) == .ucs2)
    }

    @Test("extension characters count two septets")
    func extensionSeptets() {
        #expect(GSMAlphabet.septets(for: "a") == 1)
        #expect(GSMAlphabet.septets(for: "€") == 2)
        #expect(GSMAlphabet.septets(for: "[") == 2)
        #expect(GSMAlphabet.septets(for: "中") == nil)
        #expect(SMSSegments(text: "€[]").units == 6)
    }

    @Test("GSM: 160 septets in one message, then parts of 153", arguments: [
        (0, 1), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (1530, 10), (1531, 11),
    ])
    func gsmParts(length: Int, parts: Int) {
        let segments = SMSSegments(text: String(repeating: "a", count: length))
        #expect(segments.coding == .gsm7)
        #expect(segments.units == length)
        #expect(segments.count == parts)
    }

    @Test("UCS-2: 70 characters in one message, then parts of 67", arguments: [
        (70, 1), (71, 2), (134, 2), (135, 3), (670, 10), (671, 11),
    ])
    func ucs2Parts(length: Int, parts: Int) {
        let segments = SMSSegments(text: String(repeating: "请", count: length))
        #expect(segments.coding == .ucs2)
        #expect(segments.units == length)
        #expect(segments.count == parts)
    }

    @Test("an escaped GSM character is never split between two parts")
    func escapeAtPartBoundary() {
        // 152 septets, then € (2 septets) would straddle the 153-septet boundary: it opens part 2.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 152)
        let segments = SMSSegments(text: text)
        #expect(segments.units == 306)
        #expect(segments.count == 3, "152 | € + 151 b | 1 b")
        #expect(SMSSegments(text: String(repeating: "a", count: 153) + String(repeating: "b", count: 153)).count == 2)
    }

    @Test("UCS-2 length counts UTF-16 units: a character outside the BMP takes two")
    func surrogatePairs() {
        #expect(SMSSegments(text: "👍").units == 2)
        #expect(SMSSegments(text: String(repeating: "👍", count: 35)).count == 1)
        #expect(SMSSegments(text: String(repeating: "👍", count: 36)).count == 2)
    }
}
