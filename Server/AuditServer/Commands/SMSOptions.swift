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

    @Option(name: .customLong("sms-reports"), help: ArgumentHelp("Where Kannel reports delivery: this server's /sms/kannel/report URL.", valueName: "url"))
    var reports: String?

    /// The gateway the options name, or `nil` when they name none.
    func gateway(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (any SMSGateway)? {
        guard let text = url ?? environment["FIELDAUDIT_SMS_URL"], !text.isEmpty else { return nil }
        if text.hasPrefix("webhook+") {
            guard let endpoint = URL(string: String(text.dropFirst("webhook+".count))), let secret = environment["FIELDAUDIT_SMS_SECRET"] else {
                throw ValidationError("--sms webhook+URL needs a URL and FIELDAUDIT_SMS_SECRET")
            }
            return WebhookGateway(configuration: WebhookConfiguration(url: endpoint, secret: Data(secret.utf8)))
        }
        guard let sendsms = URL(string: text), sendsms.scheme == "http" || sendsms.scheme == "https" else {
            throw ValidationError("--sms \(text) is not an http(s) URL")
        }
        guard let user = user ?? environment["FIELDAUDIT_SMS_USER"], let password = environment["FIELDAUDIT_SMS_PASSWORD"] else {
            throw ValidationError("Kannel needs its sendsms user (--sms-user or FIELDAUDIT_SMS_USER) and FIELDAUDIT_SMS_PASSWORD")
        }
        return KannelGateway(configuration: KannelConfiguration(sendsmsURL: sendsms, username: user, password: password,
                                                                deliveryReportURL: reports.flatMap(URL.init(string:))))
    }
}
