/// A minimal model of a terminal screen, for tests: it interprets the output `FrameRenderer`
/// produces into a `ScreenBuffer`.
///
/// Understood: printable text (segmented into grapheme clusters, each taking its display width,
/// with xterm-like deferred autowrap), cursor position `CSI row;col H`, `CSI 2 J` (clear to
/// blanks), SGR `CSI … m` (reset, bold, underline, reverse, their resets, 16/256/RGB colours) and
/// CR/LF. Any other control or escape sequence (synchronized output markers included) is ignored.
/// Overwriting half of a wide grapheme blanks the other half, as real terminals do.
public struct VirtualTerminal: Sendable {
    /// What the terminal shows.
    public private(set) var screen: ScreenBuffer
    /// The cursor column (0-based; equal to the width while an autowrap is pending).
    public private(set) var cursorX = 0
    /// The cursor row (0-based).
    public private(set) var cursorY = 0
    /// The style printable text is drawn in.
    public private(set) var style = Style.plain

    /// A blank terminal of the given size.
    public init(width: Int, height: Int) {
        self.screen = ScreenBuffer(width: width, height: height)
    }

    /// A terminal already showing `screen`.
    public init(showing screen: ScreenBuffer) {
        self.screen = screen
    }

    /// Interprets `bytes` (which must not end in the middle of a sequence or character).
    public mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        var text: [UInt8] = []
        func flushText(_ terminal: inout VirtualTerminal) {
            if !text.isEmpty {
                terminal.print(String(decoding: text, as: UTF8.self))
                text.removeAll()
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                flushText(&self)
                index = escape(bytes, from: index)
            } else if byte < 0x20 || byte == 0x7F {
                flushText(&self)
                control(byte)
                index += 1
            } else {
                text.append(byte)
                index += 1
            }
        }
        flushText(&self)
    }

    private mutating func control(_ byte: UInt8) {
        switch byte {
        case 0x0D: cursorX = 0
        case 0x0A: cursorY = min(screen.height - 1, cursorY + 1)
        case 0x08: cursorX = max(0, min(cursorX, screen.width - 1) - 1)
        default: break
        }
    }

    /// Interprets the escape sequence starting at `start` and returns the index after it.
    private mutating func escape(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count else { return index }
        guard bytes[index] == UInt8(ascii: "[") else { return index + 1 }
        index += 1
        var parameterBytes: [UInt8] = []
        while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) {
            parameterBytes.append(bytes[index])
            index += 1
        }
        guard index < bytes.count else { return index }
        let final = bytes[index]
        let parameterText = String(decoding: parameterBytes, as: UTF8.self)
        if parameterText.first.map({ "<=>?".contains($0) }) == true { return index + 1 }  // private modes
        let parameters = parameterText.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            let row = (parameters.first ?? nil) ?? 1
            let column = (parameters.count > 1 ? parameters[1] : nil) ?? 1
            cursorY = min(max(row, 1), screen.height) - 1
            cursorX = min(max(column, 1), screen.width) - 1
        case UInt8(ascii: "J"):
            if (parameters.first ?? nil) == 2 { screen.clear() }
        case UInt8(ascii: "m"):
            selectGraphicRendition(parameters.map { $0 ?? 0 })
        default:
            break
        }
        return index + 1
    }

    private mutating func selectGraphicRendition(_ parameters: [Int]) {
        var list = parameters.isEmpty ? [0] : parameters
        while !list.isEmpty {
            let code = list.removeFirst()
            switch code {
            case 0: style = .plain
            case 1: style.bold = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 22: style.bold = false
            case 24: style.underline = false
            case 27: style.reverse = false
            case 30...37: style.foreground = .ansi(UInt8(code - 30))
            case 39: style.foreground = .default
            case 40...47: style.background = .ansi(UInt8(code - 40))
            case 49: style.background = .default
            case 90...97: style.foreground = .ansi(UInt8(code - 90 + 8))
            case 100...107: style.background = .ansi(UInt8(code - 100 + 8))
            case 38, 48:
                var color: TerminalColor?
                if list.first == 5, list.count >= 2 {
                    color = .palette(UInt8(clamping: list[1]))
                    list.removeFirst(2)
                } else if list.first == 2, list.count >= 4 {
                    color = .rgb(UInt8(clamping: list[1]), UInt8(clamping: list[2]), UInt8(clamping: list[3]))
                    list.removeFirst(4)
                }
                if let color {
                    if code == 38 { style.foreground = color } else { style.background = color }
                }
            default: break
            }
        }
    }

    private mutating func print(_ text: String) {
        for character in text {
            let cells = DisplayWidth.of(character)
            if cells == 0 { continue }
            if cursorX + cells > screen.width {
                // Deferred autowrap: continue on the next line (no scrolling at the bottom).
                cursorX = 0
                cursorY += 1
                if cursorY >= screen.height {
                    cursorY = screen.height - 1
                    return
                }
            }
            screen.place(character, width: min(cells, screen.width), x: cursorX, y: cursorY, style: style)
            cursorX += cells
        }
    }
}
