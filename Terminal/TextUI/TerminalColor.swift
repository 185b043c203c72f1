/// A foreground or background colour, in the richest form the program asked for; `ColorMode`
/// decides how it is finally written.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default colour.
    case `default`
    /// One of the 16 basic colours: 0–7 normal, 8–15 bright (black, red, green, yellow, blue,
    /// magenta, cyan, white).
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette.
    case palette(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The colour as it can be shown in `mode`: RGB falls back to the nearest palette entry, a palette
    /// entry to the nearest of the 16 basic colours, and everything to `.default` without colour.
    public func downgraded(to mode: ColorMode) -> TerminalColor {
        switch (self, mode) {
        case (.default, _), (_, .truecolor):
            return self
        case (_, .none):
            return .default
        case (.ansi, _):
            return self
        case (.palette(let index), .palette256):
            return .palette(index)
        case (.rgb(let r, let g, let b), .palette256):
            return .palette(Self.nearestPaletteIndex(r, g, b))
        case (.palette(let index), .ansi16):
            if index < 16 { return .ansi(index) }
            let (r, g, b) = Self.paletteRGB(index)
            return .ansi(Self.nearestBasicIndex(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16):
            return .ansi(Self.nearestBasicIndex(r, g, b))
        }
    }

    /// The SGR parameters that select this colour (unchanged, not downgraded) as foreground or
    /// background.
    public func sgrParameters(background: Bool) -> [Int] {
        switch self {
        case .default:
            return [background ? 49 : 39]
        case .ansi(let index):
            let i = Int(index & 15)
            if i < 8 { return [(background ? 40 : 30) + i] }
            return [(background ? 100 : 90) + i - 8]
        case .palette(let index):
            return [background ? 48 : 38, 5, Int(index)]
        case .rgb(let r, let g, let b):
            return [background ? 48 : 38, 2, Int(r), Int(g), Int(b)]
        }
    }

    /// The RGB value xterm uses for a palette entry.
    static func paletteRGB(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return basicRGB[i] }
        if i >= 232 {
            let level = 8 + (i - 232) * 10
            return (level, level, level)
        }
        let cube = i - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    /// The xterm default RGB values of the 16 basic colours.
    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    static func nearestPaletteIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let target = (Int(r), Int(g), Int(b))
        func cubeStep(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let cube = 16 + 36 * cubeStep(target.0) + 6 * cubeStep(target.1) + cubeStep(target.2)
        let average = (target.0 + target.1 + target.2) / 3
        let grayIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let gray = 232 + min(23, grayIndex)
        let cubeDistance = distance(paletteRGB(UInt8(cube)), target)
        let grayDistance = distance(paletteRGB(UInt8(gray)), target)
        return UInt8(grayDistance < cubeDistance ? gray : cube)
    }

    static func nearestBasicIndex(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (index, rgb) in basicRGB.enumerated() {
            let d = distance(rgb, (r, g, b))
            if d < bestDistance { (best, bestDistance) = (index, d) }
        }
        return UInt8(best)
    }

    static func nearestBasicIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        nearestBasicIndex(Int(r), Int(g), Int(b))
    }
}
