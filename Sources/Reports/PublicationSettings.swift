import Scenario

/// How one run publishes: the wording of its report, site sheets, terminal tables and CSV
/// headers; the notices' languages; who issues them and a phone to call. It starts from the
/// scenario file's `language` and `notices` (`Scenario.publishing`); a run may choose another
/// language (`--language`, a server's request) without changing the scenario. Every Reports
/// call that writes words takes its `Wording`, or these settings where notices are written.
public struct PublicationSettings: Sendable {
    public var language: Language
    public var noticeLanguages: [Language]
    public var issuer: String?
    /// The issuer as English notices sign; nil: `issuer` in both languages.
    public var issuerEn: String?
    public var contact: String?

    public init(_ s: Scenario, language: Language? = nil) {
        self.language = language ?? s.publishing.language
        noticeLanguages = s.publishing.noticeLanguages
        issuer = s.publishing.issuer
        issuerEn = s.publishing.issuerEn
        contact = s.publishing.contact
    }

    /// Who signs a notice in `language`: the English name in English where there is one.
    public func issuer(in language: Language) -> String? { language == .en ? (issuerEn ?? issuer) : issuer }

    /// The wording of everything but the notices.
    public var words: Wording { Wording(language) }
}
