import Foundation
import Scenario

/// Small inline-SVG charts for the report: no scripts, no network, readable at a laptop's
/// width, or (`width` about 380) at a phone's, where the text keeps its size and the time axis
/// its room. Every text is HTML-escaped.
struct SVGChart {
    var width = 760.0
    var height = 220.0
    var left = 52.0
    let right = 16.0, bottom = 34.0
    var top = 28.0
    var title: String
    var body: [String] = []
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    /// The `class` of the `<svg>`, for a page that shows one drawing of a chart per width.
    var cssClass: String?

    init(title: String, x: ClosedRange<Double>, y: ClosedRange<Double>, height: Double = 220, width: Double = 760) {
        self.title = title
        self.width = width
        xRange = x
        yRange = y.upperBound > y.lowerBound ? y : y.lowerBound...(y.lowerBound + 1)
        self.height = height
    }

    func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right) }
    func py(_ y: Double) -> Double { height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom) }
    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Shaded spans on the time axis (weather windows).
    mutating func shade(_ from: Double, _ to: Double, colour: String, label: String) {
        let a = px(max(from, xRange.lowerBound)), b = px(min(to, xRange.upperBound))
        guard b > a else { return }
        body.append("<rect x=\"\(Self.f(a))\" y=\"\(Self.f(top))\" width=\"\(Self.f(b - a))\" height=\"\(Self.f(height - top - bottom))\" fill=\"\(colour)\" opacity=\"0.25\"><title>\(HTML.escape(label))</title></rect>")
    }

    mutating func band(_ xs: [Double], lower: [Double], upper: [Double], colour: String) {
        guard !xs.isEmpty else { return }
        let up = zip(xs, upper).map { "\(Self.f(px($0))),\(Self.f(py(min($1, yRange.upperBound))))" }
        let down = zip(xs, lower).reversed().map { "\(Self.f(px($0))),\(Self.f(py(max($1, yRange.lowerBound))))" }
        body.append("<polygon points=\"\((up + down).joined(separator: " "))\" fill=\"\(colour)\" opacity=\"0.2\"/>")
    }

    mutating func line(_ xs: [Double], _ ys: [Double], colour: String, label: String) {
        guard !xs.isEmpty else { return }
        let pts = zip(xs, ys).map { "\(Self.f(px($0))),\(Self.f(py($1)))" }.joined(separator: " ")
        body.append("<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(HTML.escape(label))</title></polyline>")
    }

    mutating func bars(_ xs: [Double], width w: Double, _ ys: [Double], colour: String) {
        for (x, y) in zip(xs, ys) where y > 0 {
            let x0 = px(x), x1 = px(x + w)
            body.append("<rect x=\"\(Self.f(x0))\" y=\"\(Self.f(py(y)))\" width=\"\(Self.f(max(1, x1 - x0 - 1)))\" height=\"\(Self.f(py(yRange.lowerBound) - py(y)))\" fill=\"\(colour)\"/>")
        }
    }

    mutating func vertical(_ x: Double, colour: String, label: String) {
        body.append("<line x1=\"\(Self.f(px(x)))\" x2=\"\(Self.f(px(x)))\" y1=\"\(Self.f(top))\" y2=\"\(Self.f(height - bottom))\" stroke=\"\(colour)\" stroke-dasharray=\"4 3\"/>")
        // Near the right edge the label goes on the line's left, so it is not cut off.
        let nearEdge = px(x) > width - right - 7 * Double(label.count) - 8
        body.append("<text x=\"\(Self.f(nearEdge ? px(x) - 4 : px(x) + 4))\" y=\"\(Self.f(top + 12))\" font-size=\"11\" fill=\"\(colour)\" text-anchor=\"\(nearEdge ? "end" : "start")\">\(HTML.escape(label))</text>")
    }

    /// A thin bar along the bottom of the plot from `from` to `to` (a call-up window), in one of
    /// a few lanes so that windows that meet or overlap stay apart.
    mutating func strip(_ from: Double, _ to: Double, lane: Int, colour: String, label: String) {
        let a = px(max(from, xRange.lowerBound)), b = px(min(to, xRange.upperBound))
        guard b > a else { return }
        let y = height - bottom - 5 - Double(lane) * 5
        body.append("<rect x=\"\(Self.f(a))\" y=\"\(Self.f(y))\" width=\"\(Self.f(max(1, b - a - 1)))\" height=\"3\" fill=\"\(colour)\"><title>\(HTML.escape(label))</title></rect>")
    }

    /// A bar in a row, clipped to the time axis (nothing drawn past it).
    mutating func rect(x0 a: Double, x1 b: Double, row: Int, rows: Int, colour: String, label: String) {
        let x0 = max(a, xRange.lowerBound), x1 = min(b, xRange.upperBound)
        guard x1 > x0 else { return }
        let h = (height - top - bottom) / Double(max(rows, 1))
        let y = top + Double(row) * h + 2
        body.append("<rect x=\"\(Self.f(px(x0)))\" y=\"\(Self.f(y))\" width=\"\(Self.f(max(1, px(x1) - px(x0))))\" height=\"\(Self.f(max(2, h - 4)))\" fill=\"\(colour)\"><title>\(HTML.escape(label))</title></rect>")
    }

    /// A row of coloured keys between the title and the plot (call before drawing: it moves
    /// the plot down to make room).
    mutating func legend(_ items: [(colour: String, label: String)]) {
        top = 44
        var x = left
        for item in items {
            body.append("<rect x=\"\(Self.f(x))\" y=\"24\" width=\"10\" height=\"10\" fill=\"\(item.colour)\"/><text x=\"\(Self.f(x + 14))\" y=\"33\" font-size=\"11\">\(HTML.escape(item.label))</text>")
            // About 7 px a Latin letter and 12 a Chinese character at this size.
            x += item.label.reduce(0.0) { $0 + (DisplayWidth.of($1) == 2 ? 12 : 7) } + 26
        }
    }

    mutating func rowLabel(_ text: String, row: Int, rows: Int) {
        let h = (height - top - bottom) / Double(max(rows, 1))
        body.append("<text x=\"\(Self.f(left - 4))\" y=\"\(Self.f(top + (Double(row) + 0.7) * h))\" font-size=\"10\" text-anchor=\"end\">\(HTML.escape(text))</text>")
    }

    /// Axes with clock-time ticks (timeAxis) or plain numbers on x, numbers on y.
    func render(timeAxis: Bool, xLabel: String, yLabel: String, yTicks: Bool = true) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\"" + (cssClass.map { " class=\"\($0)\"" } ?? "") + " viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        // A narrow chart's title starts at the edge: the plot's margin would leave it too little room.
        s += "<text x=\"\(Self.f(width < 600 ? 4 : left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(HTML.escape(title))</text>"
        s += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(Self.f(height - bottom))\" y2=\"\(Self.f(height - bottom))\" stroke=\"#444\"/>"
        s += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(left))\" y1=\"\(Self.f(top))\" y2=\"\(Self.f(height - bottom))\" stroke=\"#444\"/>"
        let span = xRange.upperBound - xRange.lowerBound
        var step: Double = timeAxis ? (span > 6 * 3600 ? 3600 : 1800) : niceStep(span)
        // Clock labels at least 45 px apart (a narrow chart's every hour, not half hour).
        while timeAxis, span > 0, (width - left - right) * step / span < 45 { step *= 2 }
        var x = (xRange.lowerBound / step).rounded(.up) * step
        while x <= xRange.upperBound + 1e-9 {
            let label = timeAxis ? ClockTime.format(x) : String(format: "%g", x)
            s += "<line x1=\"\(Self.f(px(x)))\" x2=\"\(Self.f(px(x)))\" y1=\"\(Self.f(height - bottom))\" y2=\"\(Self.f(height - bottom + 4))\" stroke=\"#444\"/>"
            s += "<text x=\"\(Self.f(px(x)))\" y=\"\(Self.f(height - bottom + 16))\" font-size=\"10\" text-anchor=\"middle\">\(label)</text>"
            x += step
        }
        if yTicks {
            let ys = niceStep(yRange.upperBound - yRange.lowerBound)
            var y = (yRange.lowerBound / ys).rounded(.up) * ys
            while y <= yRange.upperBound + 1e-9 {
                s += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(Self.f(py(y)))\" y2=\"\(Self.f(py(y)))\" stroke=\"#ddd\"/>"
                s += "<text x=\"\(Self.f(left - 6))\" y=\"\(Self.f(py(y) + 3))\" font-size=\"10\" text-anchor=\"end\">\(String(format: "%g", y))</text>"
                y += ys
            }
        }
        s += body.joined()
        s += "<text x=\"\(Self.f(width - right))\" y=\"\(Self.f(height - 4))\" font-size=\"10\" text-anchor=\"end\">\(HTML.escape(xLabel))</text>"
        s += "<text x=\"4\" y=\"\(Self.f(top - 6))\" font-size=\"10\">\(HTML.escape(yLabel))</text>"
        return s + "</svg>"
    }

    func niceStep(_ span: Double) -> Double {
        guard span > 0 else { return 1 }
        let raw = span / 5
        let mag = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 5, 10] where raw <= m * mag { return m * mag }
        return 10 * mag
    }
}
