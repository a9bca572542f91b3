/// The language of what a planner reads: the report, the site sheets, the terminal and the CSV
/// headers (the scenario's `language`). Building notices have their own list of languages.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}
