import Scenario

/// Large call-ups split by floors before the search, so that the optimiser can send the upper
/// and lower floors of a big building to different sites or windows, as planners do: every
/// call-up of at least `minFloors` floors and `minResidents` residents becomes two, the lower
/// half of its floors and the upper half, with the same site and window to start from.
public enum CallUpSplit {
    public static func halves(_ s: Scenario, _ plan: Plan, minResidents: Int = 150, minFloors: Int = 4) -> Plan {
        var out = plan
        out.callUps = []
        for c in plan.callUps {
            guard let bi = s.buildingIndex(c.building) else { out.callUps.append(c); continue }
            let b = s.buildings[bi]
            let floors = c.floors ?? 1...b.floors
            let residents = b.residents * floors.count / max(b.floors, 1)
            guard floors.count >= minFloors, residents >= minResidents else { out.callUps.append(c); continue }
            let mid = floors.lowerBound + floors.count / 2 - 1
            var low = c, high = c
            low.floors = floors.lowerBound...mid
            high.floors = (mid + 1)...floors.upperBound
            out.callUps += [low, high]
        }
        return out
    }
}
