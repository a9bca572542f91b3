/// The metrics SwabPlan reports, by the names used in `summary.json` and in targets.
public enum MetricName: String, Sendable, CaseIterable {
    case waitRegistrationMinutes = "wait_registration_minutes"
    case waitSwabMinutes = "wait_swab_minutes"
    case timeInSystemMinutes = "time_in_system_minutes"
    case timeInSystemP50Minutes = "time_in_system_p50_minutes"
    case timeInSystemP90Minutes = "time_in_system_p90_minutes"
    case timeInSystemP95Minutes = "time_in_system_p95_minutes"
    case timeInSystemMaxMinutes = "time_in_system_max_minutes"
    case shareWaitingOver20Minutes = "share_waiting_over_20_minutes"
    case shareWaitingOver60Minutes = "share_waiting_over_60_minutes"
    case finishTimeMinutesAfterOpening = "finish_time_minutes_after_opening"
    case finishedByDeadline = "finished_by_deadline"
    case residentsSwabbed = "residents_swabbed"
    case residentsNotSwabbed = "residents_not_swabbed"
    case registrationDeskUtilisation = "registration_desk_utilisation"
    case swabTeamUtilisation = "swab_team_utilisation"
    case longestStandingMinutes = "longest_standing_minutes"
    case overtimeTeamMinutes = "overtime_team_minutes"
    // Weather
    case minutesLostToWeather = "minutes_lost_to_weather"
    case timeInSystemWithoutWeatherMinutes = "time_in_system_without_weather_minutes"
    case weatherCostMinutes = "weather_cost_minutes"
    // Tubes and the lab
    case sampleAgeAtLabMeanMinutes = "sample_age_at_lab_mean_minutes"
    case sampleAgeAtLabP95Minutes = "sample_age_at_lab_p95_minutes"
    case sampleAgeAtLabMaxMinutes = "sample_age_at_lab_max_minutes"
    case shareSamplesOverAgeLimit = "share_samples_over_age_limit"
    case tubesUncollected = "tubes_uncollected"
    case tubesOverBoxCapacity = "tubes_over_box_capacity"
    case courierRuns = "courier_runs"
    case courierDistanceKm = "courier_distance_km"
    // Door-to-door
    case doorToDoorHouseholdsDone = "door_to_door_households_done"
    case doorToDoorFinishMinutesAfterOpening = "door_to_door_finish_minutes_after_opening"
    case doorToDoorTubes = "door_to_door_tubes"
    // Data desk and staff
    case dataItemsOnTimeShare = "data_items_on_time_share"
    case dataLargestLatenessMinutes = "data_largest_lateness_minutes"
    case workerHoursRegistration = "worker_hours_registration"
    case workerHoursMarshal = "worker_hours_marshal"
    case workerHoursDoorToDoor = "worker_hours_door_to_door"
    case workerHoursDataDesk = "worker_hours_data_desk"
    // Residents who give up
    case residentsGaveUp = "residents_gave_up"
    /// Those who gave up less those who would have without the weather (same residents).
    case residentsGaveUpToWeather = "residents_gave_up_to_weather"
    /// Mean, over residents who left the line and came back to be swabbed, of the time from
    /// their first arrival to their return (their visit is timed from the return).
    case returnersTimeAwayMinutes = "returners_time_away_minutes"
    // Lifts: the wait in the lobby before walking to the site (not in time in system)
    case liftWaitMeanMinutes = "lift_wait_mean_minutes"
    case liftWaitP95Minutes = "lift_wait_p95_minutes"

    public var unit: String {
        switch self {
        case .waitRegistrationMinutes, .waitSwabMinutes, .timeInSystemMinutes, .timeInSystemP50Minutes,
             .timeInSystemP90Minutes, .timeInSystemP95Minutes, .timeInSystemMaxMinutes,
             .finishTimeMinutesAfterOpening, .longestStandingMinutes, .overtimeTeamMinutes,
             .minutesLostToWeather, .timeInSystemWithoutWeatherMinutes, .weatherCostMinutes,
             .sampleAgeAtLabMeanMinutes, .sampleAgeAtLabP95Minutes, .sampleAgeAtLabMaxMinutes,
             .doorToDoorFinishMinutesAfterOpening, .dataLargestLatenessMinutes,
             .returnersTimeAwayMinutes, .liftWaitMeanMinutes, .liftWaitP95Minutes:
            return "minutes"
        case .shareSamplesOverAgeLimit, .dataItemsOnTimeShare:
            return "share"
        case .tubesUncollected, .tubesOverBoxCapacity, .doorToDoorTubes:
            return "tubes"
        case .courierRuns: return "runs"
        case .courierDistanceKm: return "km"
        case .doorToDoorHouseholdsDone: return "households"
        case .workerHoursRegistration, .workerHoursMarshal, .workerHoursDoorToDoor, .workerHoursDataDesk:
            return "hours"
        case .residentsGaveUp, .residentsGaveUpToWeather: return "residents"
        case .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .finishedByDeadline,
             .registrationDeskUtilisation, .swabTeamUtilisation:
            return "share"
        case .residentsSwabbed, .residentsNotSwabbed:
            return "residents"
        }
    }

    public enum Better: Sendable { case lower, higher, neither }

    /// Figures a target on reads "every morning": the finish, the longest stand, the oldest
    /// sample, samples over the age limit, tubes left, the latest data, the longest visit.
    public var readsAsEveryMorning: Bool {
        switch self {
        case .finishTimeMinutesAfterOpening, .longestStandingMinutes, .sampleAgeAtLabMaxMinutes, .shareSamplesOverAgeLimit,
             .tubesUncollected, .dataLargestLatenessMinutes, .doorToDoorFinishMinutesAfterOpening, .timeInSystemMaxMinutes:
            return true
        default: return false
        }
    }

    /// Which way is an improvement (utilisation, hours and courier runs are neither: a plan is
    /// not better for working people harder or less).
    public var better: Better {
        switch self {
        case .residentsSwabbed, .finishedByDeadline, .dataItemsOnTimeShare, .doorToDoorHouseholdsDone, .doorToDoorTubes:
            return .higher
        case .registrationDeskUtilisation, .swabTeamUtilisation, .courierRuns, .courierDistanceKm,
             .workerHoursRegistration, .workerHoursMarshal, .workerHoursDoorToDoor, .workerHoursDataDesk,
             .timeInSystemWithoutWeatherMinutes:
            return .neither
        default:
            return .lower
        }
    }

    /// Differences smaller than this are not worth telling apart (the indifference zone of a
    /// comparison), in the metric's unit.
    public var indifference: Double {
        switch unit {
        case "minutes": return 0.5
        case "share": return 0.005
        case "hours": return 0.05
        case "km": return 0.5
        default: return 1
        }
    }

    /// Figures over residents swabbed, or the round's finish: a resident never swabbed never
    /// finished, so a target on one of these is missed while anyone who came is left unswabbed.
    public var needsEveryoneSwabbed: Bool {
        switch self {
        case .waitRegistrationMinutes, .waitSwabMinutes, .timeInSystemMinutes, .timeInSystemP50Minutes,
             .timeInSystemP90Minutes, .timeInSystemP95Minutes, .timeInSystemMaxMinutes,
             .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .finishTimeMinutesAfterOpening,
             .finishedByDeadline, .timeInSystemWithoutWeatherMinutes, .weatherCostMinutes:
            return true
        default:
            return false
        }
    }

    /// Whether the metric means anything for this scenario (a round without couriers has no
    /// sample ages); tables and `summary.json` list only these.
    public func applies(to s: Scenario, plan: Plan) -> Bool {
        let l = s.logistics
        switch self {
        case .minutesLostToWeather, .timeInSystemWithoutWeatherMinutes, .weatherCostMinutes:
            return !l.weather.isClear
        case .sampleAgeAtLabMeanMinutes, .sampleAgeAtLabP95Minutes, .sampleAgeAtLabMaxMinutes, .shareSamplesOverAgeLimit,
             .tubesUncollected, .tubesOverBoxCapacity, .courierRuns, .courierDistanceKm:
            return l.lab != nil
        case .doorToDoorHouseholdsDone, .doorToDoorFinishMinutesAfterOpening, .doorToDoorTubes:
            return !l.doorToDoor.teams.isEmpty
        case .dataItemsOnTimeShare, .dataLargestLatenessMinutes:
            return l.dataDesk != nil
        case .workerHoursRegistration, .workerHoursMarshal, .workerHoursDoorToDoor, .workerHoursDataDesk:
            return !plan.roles.isEmpty
        case .residentsGaveUp:
            return l.patience != nil
        case .residentsGaveUpToWeather:
            return l.patience != nil && !l.weather.isClear
        case .returnersTimeAwayMinutes:
            return l.patience != nil
        case .liftWaitMeanMinutes, .liftWaitP95Minutes:
            return s.buildings.contains { $0.lifts > 0 && $0.floors > s.walking.stairsUpToFloor }
        default:
            return true
        }
    }
}
