import PropertyBased
import Shared
import Testing
import TextUI

@Suite("Braille canvas")
struct BrailleCanvasTests {
    @Test("each dot of a cell maps to its Unicode braille bit; a full cell is ⣿")
    func dots() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        #expect(canvas.character(column: 0, row: 0) == nil)
        canvas.set(x: 0, y: 0)
        #expect(canvas.character(column: 0, row: 0) == "⠁")
        canvas.set(x: 1, y: 3)
        #expect(canvas.character(column: 0, row: 0) == "⢁")
        for x in 0..<2 { for y in 0..<4 { canvas.set(x: x, y: y) } }
        #expect(canvas.character(column: 0, row: 0) == "⣿")
    }

    @Test("a horizontal line sets exactly the dots between its ends")
    func horizontal() {
        var canvas = BrailleCanvas(columns: 5, rows: 2)
        canvas.line(fromX: 1, y0: 5, toX: 8, y1: 5)
        for x in 0..<canvas.dotWidth {
            for y in 0..<canvas.dotHeight {
                #expect(canvas.isSet(x: x, y: y) == (y == 5 && (1...8).contains(x)))
            }
        }
    }

    @Test("lines are clipped: far-away ends draw only inside, and nothing outside is touched")
    func clipping() {
        var canvas = BrailleCanvas(columns: 4, rows: 2)
        canvas.line(fromX: -1e9, y0: 3, toX: 1e9, y1: 3)
        #expect((0..<canvas.dotWidth).allSatisfy { canvas.isSet(x: $0, y: 3) })
        var untouched = BrailleCanvas(columns: 4, rows: 2)
        untouched.line(fromX: -50, y0: -50, toX: -10, y1: 100)
        untouched.line(fromX: .nan, y0: 0, toX: 3, y1: 3)
        #expect(untouched == BrailleCanvas(columns: 4, rows: 2))
    }

    @Test("a line inside the canvas sets both ends and is connected (each step moves at most one dot)")
    func connected() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            var canvas = BrailleCanvas(columns: 10, rows: 5)
            let x0 = Int.random(in: 0..<20, using: &rng), y0 = Int.random(in: 0..<20, using: &rng)
            let x1 = Int.random(in: 0..<20, using: &rng), y1 = Int.random(in: 0..<20, using: &rng)
            canvas.line(fromX: Double(x0), y0: Double(y0), toX: Double(x1), y1: Double(y1))
            #expect(canvas.isSet(x: x0, y: y0) && canvas.isSet(x: x1, y: y1))
            let count = (0..<20).reduce(0) { sum, x in sum + (0..<20).filter { canvas.isSet(x: x, y: $0) }.count }
            #expect(count == max(abs(x1 - x0), abs(y1 - y0)) + 1)
        }
    }

    @Test("drawing layers only the cells with dots over the screen")
    func drawLayers() {
        var screen = ScreenBuffer(width: 3, height: 1)
        screen.put("abc", x: 0, y: 0)
        var canvas = BrailleCanvas(columns: 3, rows: 1)
        canvas.set(x: 2, y: 0)
        canvas.draw(into: &screen, x: 0, y: 0, style: .plain)
        #expect(screen.text(row: 0) == "a⠁c")
    }
}
