import Foundation
import Messaging
import Testing

@Suite("E.164 phone numbers")
struct PhoneNumberTests {
    @Test("numbers with + and 8 to 15 digits are kept as + and digits; spaces and hyphens between digits are dropped",
          arguments: [
              ("+8613800138000", "+8613800138000"),
              ("+86 138 0013 8000", "+8613800138000"),
              ("+49 921 555-0110", "+499215550110"),
              ("+12345678", "+12345678"),
              ("+123456789012345", "+123456789012345"),
          ])
    func valid(text: String, e164: String) throws {
        let number = try PhoneNumber(text)
        #expect(number.e164 == e164)
        #expect(number.description == e164)
    }

    @Test("a number without + is refused, not guessed at, and the message says how to write it")
    func missingPlus() {
        #expect(throws: PhoneNumberError.missingPlus("013800138000")) { try PhoneNumber("013800138000") }
        #expect(PhoneNumberError.missingPlus("013800138000").description
            == "phone number \"013800138000\" must start with + and the country code (e.g. +8613800138000)")
    }

    @Test("too few or too many digits are refused with their count")
    func wrongLength() {
        #expect(throws: PhoneNumberError.wrongLength("+1234567", digits: 7)) { try PhoneNumber("+1234567") }
        #expect(throws: PhoneNumberError.wrongLength("+1234567890123456", digits: 16)) { try PhoneNumber("+1234567890123456") }
        #expect(throws: PhoneNumberError.wrongLength("+", digits: 0)) { try PhoneNumber("+") }
        #expect(PhoneNumberError.wrongLength("+1234567", digits: 7).description.contains("has 7 digits; an E.164 number has 8 to 15 digits"))
    }

    @Test("letters, brackets, dots and a second + are refused, naming the character")
    func notADigit() {
        #expect(throws: PhoneNumberError.notADigit("+86 138 ABC 8000", character: "A")) { try PhoneNumber("+86 138 ABC 8000") }
        #expect(throws: PhoneNumberError.notADigit("+49 (921) 5550110", character: "(")) { try PhoneNumber("+49 (921) 5550110") }
        #expect(throws: PhoneNumberError.notADigit("+49.921.5550110", character: ".")) { try PhoneNumber("+49.921.5550110") }
        #expect(throws: PhoneNumberError.notADigit("++4992155501", character: "+")) { try PhoneNumber("++4992155501") }
        #expect(PhoneNumberError.notADigit("+49.921", character: ".").description.contains("contains \".\": only digits may follow the +"))
    }

    @Test("an empty text, and 0 right after the + (a trunk prefix, no country code) are refused")
    func emptyAndLeadingZero() {
        #expect(throws: PhoneNumberError.empty) { try PhoneNumber("") }
        #expect(throws: PhoneNumberError.empty) { try PhoneNumber("  ") }
        #expect(throws: PhoneNumberError.leadingZero("+0921 5550110")) { try PhoneNumber("+0921 5550110") }
    }

    @Test("JSON carries the E.164 text, and decoding checks it")
    func codable() throws {
        let encoded = try JSONEncoder().encode([try PhoneNumber("+86 138 0013 8000")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["+8613800138000"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: encoded) == [try PhoneNumber("+8613800138000")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["12345"]"#.utf8)) }
    }
}
