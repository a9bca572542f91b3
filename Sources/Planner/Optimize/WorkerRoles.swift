import Scenario

/// Who does what, hour by hour: the registrars take desks first, community workers take the
/// desks left over (at their sites), then escort the door-to-door teams out in that hour, and
/// the rest work the data desk; after the deadline everyone not escorting works the desk. Roles
/// change on the hour so that a worker's day reads as a few lines. Nil when the workers are too
/// few for the desks and escorts, or the roles would break a plan rule.
public enum WorkerRoles {
    public static func assign(_ s: Scenario, _ plan: Plan) -> [RoleAssignment]? {
        let workers = s.workerIDs
        guard !workers.isEmpty else { return nil }
        let blocks = s.round.hours
        let teams = s.doorToDoorTeams(under: plan)
        // Per worker: (role, site) per block, then merged.
        var day = [[(WorkerRole, String?)]](repeating: [], count: workers.count)
        for b in blocks {
            var registrars = s.staff.registrars
            var needs: [(WorkerRole, String?)] = []
            for site in s.sites {
                // The most desks the site opens at any moment in the block.
                let moments = [b.start] + plan.staffing.filter { $0.site == site.id && $0.period.start > b.start && $0.period.start < b.end }.map(\.period.start)
                let desks = moments.map { s.desksOpen(site: site.id, at: $0, plan: plan) }.max() ?? site.registrationDesks
                let byRegistrars = min(desks, registrars)
                registrars -= byRegistrars
                needs += Array(repeating: (.registration, site.id), count: desks - byRegistrars)
            }
            let out = teams.filter { $0.start < b.end && $0.end > b.start }.count
            needs += Array(repeating: (.doorToDoor, nil), count: out)
            guard needs.count <= workers.count else { return nil }
            needs += Array(repeating: (.dataDesk, nil), count: workers.count - needs.count)
            for w in workers.indices { day[w].append(needs[w]) }
        }
        var roles: [RoleAssignment] = []
        for (w, id) in workers.enumerated() {
            var k = 0
            while k < blocks.count {
                var j = k
                while j + 1 < blocks.count && day[w][j + 1].0 == day[w][k].0 && day[w][j + 1].1 == day[w][k].1 { j += 1 }
                roles.append(RoleAssignment(worker: id, period: ClockWindow(start: blocks[k].start, end: blocks[j].end), role: day[w][k].0, site: day[w][k].1))
                k = j + 1
            }
            // After the round: the desk, unless still escorting a door-to-door team.
            let late = teams.filter { $0.end > s.round.deadline }.count
            if w >= late {
                if let last = roles.last, last.worker == id, last.role == .dataDesk, last.period.end == s.round.deadline {
                    roles[roles.count - 1].period.end = Limits.maxSeconds
                } else {
                    roles.append(RoleAssignment(worker: id, period: ClockWindow(start: s.round.deadline, end: Limits.maxSeconds), role: .dataDesk))
                }
            }
        }
        var candidate = plan
        candidate.roles = roles
        return PlanCheck.problems(s, candidate).isEmpty ? roles : nil
    }
}
