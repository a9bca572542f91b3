import Scenario

/// The head and the shared style of the published HTML pages (the report and the site sheets):
/// the page's language, a font list that has Chinese on Windows, macOS, Linux and phones, and
/// A4 print rules.
enum PageStyle {
    static let shared = """
    body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:820px;color:#222}
    table{border-collapse:collapse;width:100%}.muted{color:#666}
    @media print{body{max-width:none;padding:0}}
    """

    static func head(_ language: Language, title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(HTML.escape(title))</title>
        <style>
        \(shared)
        \(style)
        </style></head><body>

        """
    }
}
