import ArgumentParser
import Foundation
import Messaging

/// Where text messages go: Kannel's sendsms interface, or a provider's web hook. The secrets come
/// from the environment, never the command line (where `ps` shows them).
struct SMSOptions: ParsableArguments {
    @Option(name: .customLong("sms"), help: ArgumentHelp("""
        Kannel's sendsms URL (http://HOST:PORT/cgi-bin/sendsms), or webhook+https://… for a provider's web hook. \
        Default: FIELDAUDIT_SMS_URL. Kannel's user: --sms-user or FIELDAUDIT_SMS_USER, its password FIELDAUDIT_SMS_PASSWORD; \
        a web hook's signing secret FIELDAUDIT_SMS_SECRET.
        """, valueName: "url"))
    var url: String?

    @Option(name: .customLong("sms-user"), help: ArgumentHelp("Kannel's sendsms user. Default: FIELDAUDIT_SMS_USER.", valueName: "name"))
    var user: String?

    @Option(name: .customLong("sms-reports"), help: ArgumentHelp("""
        Where Kannel reports delivery: this server's /sms/kannel/report URL as Kannel reaches it \
        (serve --sms defaults to http://127.0.0.1:PORT/sms/kannel/report). Needs FIELDAUDIT_SMS_SECRET, \
        which signs each report URL so that nobody else can report.
        """, valueName: "url"))
    var reports: String?

    /// The shared secret of delivery reports and of the web hook's signature (`FIELDAUDIT_SMS_SECRET`),
    /// or `nil` when it is not set.
    static func secret(environment: [String: String] = ProcessInfo.processInfo.environment) -> Data? {
        environment["FIELDAUDIT_SMS_SECRET"].flatMap { $0.isEmpty ? nil : Data($0.utf8) }
    }

    /// The gateway the options name, or `nil` when they name none. Kannel is asked for delivery
    /// reports at --sms-reports, or else at `defaultReports` when FIELDAUDIT_SMS_SECRET is set.
    func gateway(environment: [String: String] = ProcessInfo.processInfo.environment, defaultReports: URL? = nil) throws -> (any SMSGateway)? {
        guard let text = url ?? environment["FIELDAUDIT_SMS_URL"], !text.isEmpty else { return nil }
        let secret = Self.secret(environment: environment)
        if text.hasPrefix("webhook+") {
            guard let endpoint = URL(string: String(text.dropFirst("webhook+".count))), let secret else {
                throw ValidationError("--sms webhook+URL needs a URL and FIELDAUDIT_SMS_SECRET")
            }
            return WebhookGateway(configuration: WebhookConfiguration(url: endpoint, secret: secret))
        }
        guard let sendsms = URL(string: text), sendsms.scheme == "http" || sendsms.scheme == "https" else {
            throw ValidationError("--sms \(text) is not an http(s) URL")
        }
        guard let user = user ?? environment["FIELDAUDIT_SMS_USER"], let password = environment["FIELDAUDIT_SMS_PASSWORD"] else {
            throw ValidationError("Kannel needs its sendsms user (--sms-user or FIELDAUDIT_SMS_USER) and FIELDAUDIT_SMS_PASSWORD")
        }
        var reportURL = defaultReports
        if let reports {
            guard let url = URL(string: reports), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--sms-reports \(reports) is not an http(s) URL")
            }
            guard secret != nil else { throw ValidationError("--sms-reports needs FIELDAUDIT_SMS_SECRET, which signs each report URL") }
            reportURL = url
        }
        return KannelGateway(configuration: KannelConfiguration(sendsmsURL: sendsms, username: user, password: password,
                                                                deliveryReportURL: secret == nil ? nil : reportURL, deliveryReportSecret: secret))
    }
}
