/// The timetable of one day's visiting order: travel seconds from the cost table, service times,
/// waits for appointment windows. Nil when an appointment window is missed or the day runs past
/// the shift.
struct DaySchedule {
    /// Seconds after midnight each visit begins.
    var begins: [Double]
    /// When the last visit ends.
    var finish: Double

    /// The timetable of visiting `order` (points of the cost table, 0 the start) from the shift's
    /// start; `service[p]` and `window[p]` belong to point `p`.
    init?(_ order: [Int], travel: CostMatrix, service: [Double], window: [TimeWindow?], shift: TimeWindow) {
        var time = shift.start, previous = 0
        begins = []
        begins.reserveCapacity(order.count)
        for stop in order {
            time += travel[previous, stop]
            if let window = window[stop] {
                guard time <= window.end else { return nil }
                time = max(time, window.start)
            }
            begins.append(time)
            time += service[stop]
            previous = stop
        }
        guard time <= shift.end else { return nil }
        finish = time
    }
}
