import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server bulletin`: a day's, week's or month's bulletin as an HTML page and CSV tables.
struct BulletinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Write the bulletin of a day, week or month: an HTML page to read or print (A4) and the CSV tables behind it.",
        discussion: """
            The bulletin shows the work done against the plan per county and per auditor (the \
            customers of the orders open in the period still to visit when it began, and how many \
            of them were visited in it), the corrections by field (which facts of the customer files \
            were most often wrong, corrected on tablets or in the office), the conflicts opened and \
            resolved, the visits without proof of presence and the orders overdue at its end; each \
            headline number beside the previous period's. Days are UTC days; a week runs Monday to \
            Sunday.

            Without --date it is the last complete period: yesterday, last week, last month. Into \
            --out go bulletin-PERIOD-START[-COUNTY].html (charts drawn in the page, no script) and \
            beside it one CSV per table: -summary, -counties, -auditors, -corrections, -conflicts, \
            -presence and -overdue. Every supervisor with a phone is then sent a text message that \
            the bulletin is ready (once per bulletin, however often it is written). The console's \
            Bulletins page shows the same bulletins, made when asked.

            Examples:
              audit-server bulletin --data /var/lib/fieldaudit --period week --out /srv/bulletins
              audit-server bulletin --data /var/lib/fieldaudit --period month --date 2026-11-01 --county 370102 --lang en --out .
            """)
    @OptionGroup var data: DataOptions
    @OptionGroup var messages: LanguageOptions
    @Option(help: ArgumentHelp("How long a period the bulletin covers.", valueName: "day|week|month"))
    var period: BulletinPeriod.Kind
    @Option(help: ArgumentHelp("A day of the period to report (default: the last complete period).", valueName: "YYYY-MM-DD"))
    var date: String?
    @Option(help: ArgumentHelp("Only this county's customers, orders and records (default: all).", valueName: "county"))
    var county: String?
    @Option(help: ArgumentHelp("The directory the page and the tables go into (made when missing).", valueName: "dir"))
    var out: String

    func validate() throws {
        do { _ = try BulletinService.period(period, date: date) } catch let refusal as BulletinService.Refusal {
            throw ValidationError(refusal.reason.text(in: messages.language))
        }
    }

    func run() async throws {
        let language = messages.language
        let service = BulletinService(database: try data.open())
        let written: [String]
        let report: BulletinReport
        do {
            report = try service.report(try BulletinService.period(period, date: date), county: county)
        } catch let refusal as BulletinService.Refusal {
            throw ExitCodeMessage(refusal.reason.text(in: language))
        }
        do {
            written = try BulletinFiles(report, language: language).write(to: out)
        } catch {
            throw ExitCodeMessage(language.localized("bulletin.refused.out", ["dir": out, "reason": error.localizedDescription]))
        }
        print(language.localized("server.bulletin.written", ["page": written[0], "tables": written.count - 1]))
        print(language.localized("server.bulletin.announced", ["count": try service.announce(report)]))
    }
}
