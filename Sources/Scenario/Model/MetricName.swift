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

    public var unit: String {
        switch self {
        case .waitRegistrationMinutes, .waitSwabMinutes, .timeInSystemMinutes, .timeInSystemP50Minutes,
             .timeInSystemP90Minutes, .timeInSystemP95Minutes, .timeInSystemMaxMinutes,
             .finishTimeMinutesAfterOpening, .longestStandingMinutes, .overtimeTeamMinutes:
            return "minutes"
        case .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .finishedByDeadline,
             .registrationDeskUtilisation, .swabTeamUtilisation:
            return "share"
        case .residentsSwabbed, .residentsNotSwabbed:
            return "residents"
        }
    }

    /// A line for the terminal table and the report.
    public var label: String {
        switch self {
        case .waitRegistrationMinutes: return "wait at registration"
        case .waitSwabMinutes: return "wait at swab line"
        case .timeInSystemMinutes: return "arrival to swab done, mean"
        case .timeInSystemP50Minutes: return "arrival to swab done, p50"
        case .timeInSystemP90Minutes: return "arrival to swab done, p90"
        case .timeInSystemP95Minutes: return "arrival to swab done, p95"
        case .timeInSystemMaxMinutes: return "arrival to swab done, max"
        case .shareWaitingOver20Minutes: return "share waiting over 20 min"
        case .shareWaitingOver60Minutes: return "share waiting over 60 min"
        case .finishTimeMinutesAfterOpening: return "last swab, after opening"
        case .finishedByDeadline: return "finished by deadline"
        case .residentsSwabbed: return "residents swabbed"
        case .residentsNotSwabbed: return "residents not swabbed"
        case .registrationDeskUtilisation: return "registration desk utilisation"
        case .swabTeamUtilisation: return "swab team utilisation"
        case .longestStandingMinutes: return "longest standing span"
        case .overtimeTeamMinutes: return "team overtime past shift end"
        }
    }
}
