import Reports
import Scenario

/// The page shell every workbench page shares: its language, title, the language switch, and
/// the one stylesheet and script the binary serves (no CDN, no build step).
struct Layout {
    let language: Language
    /// The request's path and query without `lang`, for the switch.
    let here: String

    func callAsFunction(_ word: UI) -> String { HTML.escape(word.text(language)) }

    /// A link inside the workbench that keeps the page's language.
    func link(_ path: String) -> String {
        guard language == .en else { return HTML.escape(path) }
        return HTML.escape(path + (path.contains("?") ? "&" : "?") + "lang=en")
    }

    func page(title: String, _ body: String) -> String {
        let other = language == .zh ? "en" : "zh"
        let switchTo = here + (here.contains("?") ? "&" : "?") + "lang=" + other
        return """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · SwabPlan</title><link rel="stylesheet" href="/app.css"></head>
        <body><header><a class="home" href="\(link("/"))">\(self(.title))</a>
        <a class="lang" href="\(HTML.escape(switchTo))">\(self(.switchLanguage))</a></header>
        <main>\(body)</main><script src="/app.js"></script></body></html>
        """
    }

    /// A form that changes something: a POST, with the language carried.
    func form(_ action: String, _ fields: String, button: String, klass: String = "") -> String {
        "<form method=\"post\" action=\"\(link(action))\"\(klass.isEmpty ? "" : " class=\"\(klass)\"")>\(fields)<button type=\"submit\">\(button)</button></form>"
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(value))\">"
    }
}
