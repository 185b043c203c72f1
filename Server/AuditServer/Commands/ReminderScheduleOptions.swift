import ArgumentParser
import Foundation

/// When the rhythm's messages go out: `reminders run`, `reminders preview` and `serve --sms`
/// share these options (a ``ReminderSchedule``).
struct ReminderScheduleOptions: ParsableArguments {
    @Option(help: "The local hour (0-23) from which the day's digest, and on their days the summaries, go out.")
    var digestHour = 18

    @Option(help: ArgumentHelp("""
        The weekday of the weekly summary to supervisors: 1 Monday … 7 Sunday. Sent from the digest hour \
        on that day (or later that week, had no round run then), once a week.
        """, valueName: "weekday"))
    var weeklyOn = 5

    @Option(help: ArgumentHelp("The day of the month (1-28) of the monthly summary to supervisors, from the digest hour, once a month.",
                               valueName: "day"))
    var monthlyOn = 28

    @Option(help: ArgumentHelp("The office's time zone, for the digest hour and quiet hours (default: the system's), e.g. Asia/Shanghai.",
                               valueName: "zone"))
    var timeZone: String?

    func validate() throws {
        guard (0...23).contains(digestHour) else { throw ValidationError("--digest-hour must be 0 to 23") }
        guard (1...7).contains(weeklyOn) else { throw ValidationError("--weekly-on must be 1 (Monday) to 7 (Sunday)") }
        guard (1...28).contains(monthlyOn) else { throw ValidationError("--monthly-on must be 1 to 28 (every month has it)") }
        if let timeZone, TimeZone(identifier: timeZone) == nil { throw ValidationError("--time-zone \(timeZone) is not a time zone, e.g. Asia/Shanghai") }
    }

    /// The schedule the options describe.
    var schedule: ReminderSchedule {
        ReminderSchedule(timeZone: timeZone.flatMap(TimeZone.init(identifier:)) ?? .current, digestHour: digestHour, weeklyOn: weeklyOn, monthlyOn: monthlyOn)
    }
}
