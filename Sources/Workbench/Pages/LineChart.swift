import Reports
import Scenario

/// Several series over the morning's quarter hours on one small SVG chart, a line and a colour
/// per series, with the clock on the x axis and a legend.
enum LineChart {
    static func svg(_ series: [[Double]], names: [String], opening: Double, unit: String) -> String {
        let bins = series.map(\.count).max() ?? 0
        guard bins > 1 else { return "" }
        let width = 640.0, height = 220.0, left = 44.0, right = 10.0, top = 12.0, bottom = 40.0
        let top1 = max(1, series.flatMap { $0 }.max() ?? 1)
        let step = niceStep(top1 / 4)
        let ymax = (top1 / step).rounded(.up) * step
        func x(_ b: Int) -> Double { left + Double(b) / Double(bins - 1) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - v / ymax) * (height - top - bottom) }
        var h = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height + 18 * Double(names.count)))\" width=\"100%\" style=\"max-width:\(Int(width))px\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">"
        var v = 0.0
        while v <= ymax + 1e-9 {
            h += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(MapSVG.fmt(y(v)))\" y2=\"\(MapSVG.fmt(y(v)))\" stroke=\"#e3e7ec\"/>"
            h += "<text x=\"\(left - 4)\" y=\"\(MapSVG.fmt(y(v) + 4))\" text-anchor=\"end\">\(Int(v))</text>"
            v += step
        }
        h += "<text x=\"4\" y=\"10\">\(HTML.escape(unit))</text>"
        for b in stride(from: 0, to: bins, by: max(1, bins / 8)) {
            h += "<text x=\"\(MapSVG.fmt(x(b)))\" y=\"\(MapSVG.fmt(height - bottom + 16))\" text-anchor=\"middle\">\(ClockTime.format(opening + Double(b) * 900))</text>"
        }
        for (k, values) in series.enumerated() {
            let colour = MapSVG.palette[k % MapSVG.palette.count]
            let points = values.enumerated().map { "\(MapSVG.fmt(x($0.offset))),\(MapSVG.fmt(y($0.element)))" }.joined(separator: " ")
            h += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>"
            let ly = height + 4 + 18 * Double(k)
            h += "<rect x=\"\(left)\" y=\"\(MapSVG.fmt(ly))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/><text x=\"\(left + 20)\" y=\"\(MapSVG.fmt(ly + 6))\">\(k + 1). \(HTML.escape(k < names.count ? names[k] : ""))</text>"
        }
        return h + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `x`.
    static func niceStep(_ x: Double) -> Double {
        var p = 1.0
        while p * 10 <= x { p *= 10 }
        while p > x && p > 1 { p /= 10 }
        for m in [1.0, 2, 5, 10] where m * p >= x { return m * p }
        return 10 * p
    }
}
