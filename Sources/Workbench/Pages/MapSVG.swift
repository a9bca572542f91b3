import Reports
import Scenario

/// The scenario drawn from its own coordinates (metres, no map tiles): each building a square
/// in the colour of the site its call-ups go to, a line for its walk there, towers marked with
/// their lifts; each site a circle, filled by its state when a run gives its peak wait.
enum MapSVG {
    static let palette = ["#2a6df4", "#e8710a", "#1e8e3e", "#a142f4", "#d93025", "#12a4af", "#f9ab00", "#5f6368", "#c5221f", "#137333"]

    static func draw(_ s: Scenario, plan: Plan, peakWait: [String: Double]?, _ w: Wording) -> String {
        let points = s.buildings.compactMap(\.position) + s.sites.compactMap(\.position)
        guard let first = points.first else { return "<p class=\"muted\">—</p>" }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in points { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
        let width = 700.0, pad = 30.0
        let span = max(maxX - minX, maxY - minY, 50)
        let scale = (width - 2 * pad) / span
        let height = (maxY - minY) * scale + 2 * pad
        // North up: y grows upwards in the scenario, downwards in SVG.
        func x(_ p: Point) -> String { fmt(pad + (p.x - minX) * scale) }
        func y(_ p: Point) -> String { fmt(height - pad - (p.y - minY) * scale) }
        let siteOf = Dictionary(plan.callUps.map { ($0.building, $0.site) }, uniquingKeysWith: { a, _ in a })
        var h = "<svg class=\"map\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"map\" xmlns=\"http://www.w3.org/2000/svg\">"
        for b in s.buildings {
            guard let p = b.position, let site = siteOf[b.id], let si = s.siteIndex(site), let q = s.sites[si].position else { continue }
            h += "<line x1=\"\(x(p))\" y1=\"\(y(p))\" x2=\"\(x(q))\" y2=\"\(y(q))\" stroke=\"\(palette[si % palette.count])\" stroke-opacity=\"0.35\" stroke-width=\"1.5\"/>"
        }
        for b in s.buildings {
            guard let p = b.position else { continue }
            let colour = siteOf[b.id].flatMap { s.siteIndex($0) }.map { palette[$0 % palette.count] } ?? "#9aa0a6"
            let size = b.lifts > 0 ? 14.0 : 10.0
            h += "<g class=\"bld\" data-building=\"\(HTML.escape(b.id))\"><title>\(HTML.escape(w.name(b))) · \(b.residents) · \(b.floors)F\(b.lifts > 0 ? " · \(b.lifts) lifts" : "")</title>"
            h += "<rect x=\"\(fmt(Double(x(p))! - size / 2))\" y=\"\(fmt(Double(y(p))! - size / 2))\" width=\"\(fmt(size))\" height=\"\(fmt(size))\" fill=\"\(colour)\" fill-opacity=\"0.8\"\(b.lifts > 0 ? " stroke=\"#000\" stroke-width=\"1.5\"" : "")/>"
            if b.lifts > 0 { h += "<text x=\"\(x(p))\" y=\"\(fmt(Double(y(p))! + 4))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#fff\">\(b.lifts)</text>" }
            h += "</g>"
        }
        for (si, site) in s.sites.enumerated() {
            guard let p = site.position else { continue }
            var fill = palette[si % palette.count]
            if let peak = peakWait?[site.id] {
                switch SiteStatus.level(peak) { case .clear: fill = "#34a853"; case .busy: fill = "#fbbc04"; case .congested: fill = "#ea4335" }
            }
            h += "<g><title>\(HTML.escape(w.name(site)))\(peakWait?[site.id].map { " · \(fmt($0)) min" } ?? "")</title>"
            h += "<circle cx=\"\(x(p))\" cy=\"\(y(p))\" r=\"11\" fill=\"\(fill)\" stroke=\"#000\" stroke-width=\"2\"/>"
            h += "<text x=\"\(x(p))\" y=\"\(fmt(Double(y(p))! - 15))\" font-size=\"12\" text-anchor=\"middle\">\(HTML.escape(w.name(site)))</text></g>"
        }
        return h + "</svg>"
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
}
