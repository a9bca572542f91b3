import Scenario

extension CompiledRound {
    /// Moves call-up `index` to another site and window, in place: only the floors it calls are
    /// recompiled, and the plan stays checked (the rules a move can break are checked for this
    /// call-up alone: a known site that some team staffs and residents can walk to, a window
    /// inside the round). The result equals compiling the changed plan afresh.
    ///
    ///     try round.moveCallUp(3, toSite: "S2", window: ClockWindow.parse("08:00-08:30")!)
    ///
    /// - Complexity: O(floors and residents of one building).
    public mutating func moveCallUp(_ index: Int, toSite siteID: String, window: ClockWindow) throws {
        let s = scenario
        var c = plan.callUps[index]
        c.site = siteID
        c.window = window
        if let found = PlanCheck.ownProblem(s, c, index: index, staffed: roster.slotsPerSite) { throw PlanProblems(problems: found) }
        guard let bi = s.buildingIndex(c.building), let si = s.siteIndex(siteID) else { return }
        let b = s.buildings[bi]
        let walk = model.walkingSeconds(building: bi, site: si) ?? 0
        var building = buildings[bi]
        let floors = c.floors ?? 1...b.floors
        let callers = b.residents - model.doorToDoorResidents[bi]
        for f in floors {
            let old = building.floorCall[f - 1]
            // Residents of this floor who come to a site (the door-to-door ones are the top).
            let first = CompiledRound.firstResident(onFloor: f, residents: b.residents, floors: b.floors)
            let end = CompiledRound.firstResident(onFloor: f + 1, residents: b.residents, floors: b.floors)
            let coming = max(0, min(end, callers) - first)
            residentsPerSite[old.site] -= coming
            residentsPerSite[si] += coming
            building.floorCall[f - 1].site = si
            building.floorCall[f - 1].window = window
            building.floorCall[f - 1].walkSeconds = walk
        }
        buildings[bi] = building
        plan.callUps[index] = c
        // The call-up may have moved to another site group (the groups themselves depend on
        // teams and couriers only).
        siteGroupSplit = nil
    }
}
