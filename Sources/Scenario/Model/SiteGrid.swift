/// Sites with positions in square cells, so that the nearest site to a building is found by
/// looking at the cells around it instead of at every site: the baseline plan and the walking
/// check stay linear in buildings for districts of hundreds of sites.
///
///     let grid = SiteGrid(scenario)
///     let site = grid.nearest(to: building)   // the same site as `scenario.nearestSite(to:)`
struct SiteGrid {
    private let scenario: Scenario
    private let origin: Point
    private let cell: Double
    private let columns: Int, rows: Int
    /// Site indices per cell, in listing order.
    private let cells: [[Int]]
    private let placed: Int

    /// A cell coordinate, kept within a range where ring arithmetic cannot overflow.
    private func clampedCell(_ v: Double) -> Int { Int(max(-1e9, min(1e9, v.rounded(.down)))) }

    init(_ s: Scenario) {
        scenario = s
        let placed = s.sites.indices.filter { s.sites[$0].position != nil }
        let xs = placed.map { s.sites[$0].position!.x }, ys = placed.map { s.sites[$0].position!.y }
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        origin = Point(x: minX, y: minY)
        // About one site a cell.
        let span = max(maxX - minX, maxY - minY, 1)
        let perSide = max(1, Int(Double(placed.count).squareRoot().rounded(.up)))
        cell = span / Double(perSide) + 1e-9 * span
        columns = Int((maxX - minX) / cell) + 1
        rows = Int((maxY - minY) / cell) + 1
        var cells = [[Int]](repeating: [], count: columns * rows)
        for i in placed {
            let p = s.sites[i].position!
            cells[Int((p.y - minY) / cell) * columns + Int((p.x - minX) / cell)].append(i)
        }
        self.cells = cells
        self.placed = placed.count
    }

    /// The site a building's residents reach soonest on foot, ties to the first listed: its own
    /// walking table first, else the geometrically nearest site it has no table entry for.
    func nearest(to b: Building) -> Site? {
        let s = scenario
        var best: (seconds: Double, index: Int)?
        func consider(_ i: Int, _ seconds: Double) {
            if best == nil || seconds < best!.seconds || (seconds == best!.seconds && i < best!.index) { best = (seconds, i) }
        }
        for (id, minutes) in b.walkMinutes { if let i = s.siteIndex(id) { consider(i, minutes * 60) } }
        if let p = b.position, placed > 0 {
            // Rings of cells outward from the building's cell (which may lie outside the grid),
            // from the first ring that meets the grid; stop one ring after the ring's nearest
            // possible point is farther than the best found. Only the grid's cells are visited.
            let cx = clampedCell((p.x - origin.x) / cell), cy = clampedCell((p.y - origin.y) / cell)
            let first = max(0, cx - (columns - 1), -cx, cy - (rows - 1), -cy)
            let last = max(cx, columns - 1 - cx, cy, rows - 1 - cy)
            var bestDistance = Double.infinity
            func visit(_ x: Int, _ y: Int) {
                for i in cells[y * columns + x] where b.walkMinutes[s.sites[i].id] == nil {
                    guard let seconds = s.walkingSeconds(building: b, site: s.sites[i]) else { continue }
                    bestDistance = min(bestDistance, p.distance(to: s.sites[i].position!))
                    consider(i, seconds)
                }
            }
            var ring = first
            while ring <= last {
                if Double(ring - 1) * cell > bestDistance { break }
                // The ring's top and bottom rows, then its left and right columns between them.
                let x0 = max(0, cx - ring), x1 = min(columns - 1, cx + ring)
                for y in (ring == 0 ? [cy] : [cy - ring, cy + ring]) where y >= 0 && y < rows {
                    for x in stride(from: x0, through: x1, by: 1) { visit(x, y) }
                }
                let y0 = max(0, cy - ring + 1), y1 = min(rows - 1, cy + ring - 1)
                for x in [cx - ring, cx + ring] where ring > 0 && x >= 0 && x < columns {
                    for y in stride(from: y0, through: y1, by: 1) { visit(x, y) }
                }
                ring += 1
            }
        }
        return best.map { s.sites[$0.index] }
    }
}
