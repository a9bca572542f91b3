import Scenario

extension Fixtures {
    /// A small community built in code, for the re-plan and morning tests (a few seconds each
    /// in a debug build, where Panjiayuan's 7,300 residents took minutes):
    /// - 1,600 residents in eight buildings, one of them a 14-floor tower with two lifts;
    /// - three sites: S1 and S2 under umbrellas (heavy rain stops them), S3 in a tent (heavy
    ///   rain slows it);
    /// - a morning cohort of six teams (two at each site) until 10:00, relieved by six more
    ///   from 09:30;
    /// - its own hand plan: each building called whole at its nearest site, from 07:00 to
    ///   11:00, B2 first, the tower for 75 minutes, two buildings at S2 from 10:15;
    /// - targets on p95 (20 minutes) and the finish (11:30).
    public static func smallCommunity() -> Scenario {
        var b = ScenarioBuilder(name: "小社区（测试）", opening: "07:00", deadline: "12:00")
        b.site("S1", desks: 3, stations: 3, cover: .umbrella, at: Point(x: 0, y: 0))
        b.site("S2", desks: 3, stations: 3, cover: .umbrella, at: Point(x: 300, y: 0))
        b.site("S3", desks: 2, stations: 2, cover: .tent, at: Point(x: 150, y: 250))
        // (id, residents, floors, lifts, minutes to S1, S2, S3)
        let buildings: [(String, Int, Int, Int, Double, Double, Double)] = [
            ("B1", 180, 6, 0, 2, 6, 5), ("B2", 220, 6, 0, 3, 5, 5), ("B3", 160, 5, 0, 2, 7, 6),
            ("B4", 200, 6, 0, 6, 2, 5), ("B5", 240, 6, 0, 7, 3, 5), ("B6", 150, 5, 0, 6, 2, 6),
            ("B7", 170, 6, 0, 5, 5, 2), ("T1", 280, 14, 2, 6, 5, 3),
        ]
        for (id, residents, floors, lifts, s1, s2, s3) in buildings {
            b.building(id, residents: residents, floors: floors, lifts: lifts, walk: ["S1": s1, "S2": s2, "S3": s3])
        }
        b.cohort("morning", departs: "06:30", drops: [("S1", 2), ("S2", 2), ("S3", 2)], shiftEnd: "10:00", travel: 5, setupMinutes: 10)
        b.cohort("relief", departs: "09:15", drops: [("S1", 2), ("S2", 2), ("S3", 2)], shiftEnd: "12:30", travel: 5, setupMinutes: 5,
                 relieves: "morning")
        b.staff(registrars: 8, communityWorkers: 6)
        b.target(.timeInSystemP95Minutes, atMost: 20)
        b.target(.finishTimeMinutesAfterOpening, atMost: 270)
        var s = b.scenario
        let order: [(String, String, String)] = [
            ("B2", "S1", "07:00-07:45"), ("B4", "S2", "07:00-07:45"), ("B7", "S3", "07:00-07:45"),
            ("B1", "S1", "08:00-08:45"), ("T1", "S3", "08:00-09:15"), ("B3", "S1", "09:15-10:00"),
            ("B6", "S2", "10:15-10:45"), ("B5", "S2", "10:15-11:00"),
        ]
        s.plan = Plan(callUps: order.map { CallUp(building: $0.0, site: $0.1, window: ClockWindow.parse($0.2)!) }, origin: "code")
        return s
    }
}
