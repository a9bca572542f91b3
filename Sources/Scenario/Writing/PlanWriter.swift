/// A plan as a plan file: the keys `swabplan simulate --plan` reads, in one canonical form
/// (every text quoted, one entry a line, keys in a fixed order), so that a written plan read
/// back and written again gives the same bytes.
///
///     try PlanWriter.yaml(plan).write(toFile: "plan.yaml", atomically: true, encoding: .utf8)
public enum PlanWriter {
    public static func yaml(_ plan: Plan) -> String {
        var lines = ["# A SwabPlan plan: swabplan simulate SCENARIO --plan THIS-FILE"]
        if let name = plan.name { lines.append("name: " + quoted(name)) }
        lines.append("call_ups:")
        for c in plan.callUps {
            var fields = ["building: " + quoted(c.building)]
            if let f = c.floors { fields.append("floors: " + quoted(f.lowerBound == f.upperBound ? "\(f.lowerBound)" : "\(f.lowerBound)-\(f.upperBound)")) }
            fields += ["site: " + quoted(c.site), "window: " + quoted(c.window.description)]
            if c.pinned { fields.append("pinned: true") }
            lines.append("  - {" + fields.joined(separator: ", ") + "}")
        }
        if !plan.staffing.isEmpty {
            lines.append("staffing:")
            for s in plan.staffing {
                lines.append("  - {site: \(quoted(s.site)), period: \(quoted(s.period.description)), desks: \(s.desks), stations: \(s.stations)}")
            }
        }
        if !plan.roles.isEmpty {
            lines.append("roles:")
            for r in plan.roles {
                var fields = ["worker: " + quoted(r.worker), "period: " + quoted(r.period.description), "role: " + quoted(r.role.rawValue)]
                if let site = r.site { fields.append("site: " + quoted(site)) }
                lines.append("  - {" + fields.joined(separator: ", ") + "}")
            }
        }
        if !plan.drops.isEmpty {
            lines.append("drops:")
            for d in plan.drops {
                lines.append("  - cohort: " + quoted(d.cohort))
                lines.append("    route:")
                for stop in d.route {
                    lines.append("      - {site: \(quoted(stop.site)), travel_minutes: \(number(stop.travelSeconds / 60)), teams: \(stop.teams)}")
                }
            }
        }
        if !plan.breaks.isEmpty {
            lines.append("breaks:")
            for b in plan.breaks {
                lines.append("  - {cohort: \(quoted(b.cohort)), team: \(b.team), at: \(quoted(ClockTime.format(b.at)))}")
            }
        }
        if !plan.handovers.isEmpty {
            lines.append("handovers:")
            for h in plan.handovers {
                lines.append("  - {cohort: \(quoted(h.cohort)), team: \(h.team), relieves: \(h.relieves)}")
            }
        }
        if !plan.courierTimetable.isEmpty {
            lines.append("couriers:")
            for c in plan.courierTimetable {
                lines.append("  - {courier: \(quoted(c.courier)), departs: [" + c.departs.map { quoted(ClockTime.format($0)) }.joined(separator: ", ") + "]}")
            }
        }
        if !plan.doorToDoorLists.isEmpty {
            lines.append("door_to_door:")
            for l in plan.doorToDoorLists {
                lines.append("  - {team: \(quoted(l.team)), start: \(quoted(ClockTime.format(l.start))), buildings: [" + l.buildings.map(quoted).joined(separator: ", ") + "]}")
            }
        }
        if !plan.deskMoves.isEmpty {
            lines.append("desk_moves:")
            for m in plan.deskMoves {
                lines.append("  - {at: \(quoted(ClockTime.format(m.at))), from: \(quoted(m.from)), to: \(quoted(m.to)), desks: \(m.desks)}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as the reader takes it back: whole numbers without a fraction.
    static func number(_ x: Double) -> String { YAMLReader.show(x) }

    /// A double-quoted YAML scalar: `"` and `\` escaped, control characters as escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "\\x" + String(u.value, radix: 16, uppercase: true).leftPadded(2) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
