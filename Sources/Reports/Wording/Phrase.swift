/// The keys of the wording tables. Each must be in both (a test checks), with the same slots.
public enum Phrase: String, Sendable, CaseIterable {
    // General
    case listSeparator, enumerationSeparator, allFloors, floorSingle, floorsRange, buildingFloors, teamName, notAvailable, none
    case dateLong, sunday, monday, tuesday, wednesday, thursday, friday, saturday
    case january, february, march, april, may, june, july, august, september, october, november, december
    case met, missed, markMet, markMissed, warningPrefix
    // Report page
    case reportTitle, reportMeta, madeBy
    case captionQueue, captionTimeInSystem, captionStaff, captionSampleAge
    case changesHeading, changesIntro
    case whatIfHeading, whatIfIntro, whatIfColumns, whatIfAsIs
    case variantSwabsSlower, variantSwabsFaster, variantRegistrationsSlower, variantRegistrationsFaster, variantMoreTurnout
    case targetsHeading, noTargets, targetColumns
    case behindIt, behindItem
    case bottleneckSwab, bottleneckRegistration
    case optimizeHint, staggerHint, reasonSwab
    case warningsHeading, noWarnings, moreSpells, moreSpell, weatherWarning, weatherDrivesAway
    case figuresHeading, figureColumns
    // Charts
    case chartPeopleWaiting, registrationLine, swabLine, legendRegistration, legendSwab, deadline
    case clockTime, people, share, minutes, chartTimeInSystem, chartSampleAge, limitMinutes
    case chartStaff, bus, setUp, swabbing, breakTime, workSpan
    case roleRegistration, roleMarshal, roleDoorToDoor, roleDataDesk, roleSwabTeam, untilDone, periodUntilDone
    case weatherSpell, weatherRain, weatherWind, weatherHeat, severityLight, severityModerate, severityHeavy
    // Targets
    case targetFinishBy, targetP95, targetP90, targetP50, targetMean, targetShare20
    case targetNoSampleOverAge, targetSamplesOverAge, targetDataOnTime, targetStanding, targetAtMost, targetAtLeast
    case neverSwabbed, figureAfterOpening, verdictAllMet, verdictMissed, verdictItem
    // Terminal
    case streetCommunities, streetColumns, streetPublished
    case replanTitle, replanTitleUntimed, replanState, replanMoved, replanNoMove, replanMove, replanColumns, replanTargets
    case replanTeamsMoved, replanBreakMove, replanDropMove, replanDesksMoved, deskMoveFromSite, deskMoveFromDataDesk, changeDeskMoves
    case replanMetKept, replanMetNew, replanImpossibleNoTeams, replanBoundNoTeams, replanWrote, fromTitle, fromState
    case terminalTitle, terminalColumns, warnUndecided, warnNotSwabbed, warnBreaksTogether
    case publishWrote, publishCompared, publishMissed, progressSimulating, progressComparing
    // compare and optimize
    case compareTitle, comparePlan, comparePlanColumn, compareDifferenceColumn, compareAbsent, compareLegend, compareStarred
    case compareDecided, compareLimit
    case optimizeTitle, optimizeStopped, optimizeBounds, optimizeGroup, optimizeMoreGroups, optimizeStaff, optimizeCourier
    case optimizeAgeLimit, optimizeService, optimizeImpossible, optimizeSearch, optimizeMILP, optimizeOptimal, optimizeBound
    case optimizeBoundNoLifts
    case optimizeTitleUntimed, optimizeMILPUntimed
    case optimizeCandidates, optimizeSetAside, optimizeTargets, boundByLifts, replanAskStairs, sheetMetaNamed, replanKept, targetFinishLine, registrarHere, registrarsHere, stateOnSheet, stateDesks, stateTeamGone, stateLate, unitClock, alsoGaveUp, reasonAllDesksOpen, reasonNoSlack, reasonDeskClosed, adviceChecked, adviceItem, adviceNoneHelps, actionOpenDesk, actionMoveDesk, actionOpenStations, actionMoveBuilding, actionShiftCallUp, noticeLiftsDown, notFromZero, replanImpossibleShifts, replanBoundShifts, replanImpossibleBound, replanAskTeams, replanAskDesks, replanBoundSteps, boundTeamsFrom, boundTeamsThen, boundNoTeamsFrom, boundByTeams, boundByDesks, boundByLine, targetMornings, takeTitle, takeAnswer, takeTeams, takeTeamsTables, takeDesks, takeStairs, takeTent, takeNone, takeLaterFinish, replanWorse, optimizeOwnTargets, optimizeBinds, optimizeMissed, optimizeLeastRoom
    case optimizeBeside, optimizeWritten, takeStopped
    // A planning run's progress (stderr)
    case progressBounds, progressImpossible, progressClusters, progressMerged, progressSearchRound, progressSearchDone, progressMean
    case progressMILPSkipped, progressMILPSkippedColumns, progressMILPStarted, progressSeconds, progressNodes, progressMILPDone
    case progressProven, progressAtLimit, progressStaffing, progressSetAside, progressVerifying, progressSelection, progressRoles
    case progressRolesLeft, progressChosen, progressComparingOwn, progressComparingBaseline, progressTake, progressReplanMoved
    case progressReplanTeam, progressMILPTooSlow
    // A morning state in one line
    case describeSwabbed, describeInLine, describeLeft, describeLate, describeGone, describeDesks, describeWeather, describeRain, describeWind
    case describeHeat, describeLight, describeModerate, describeHeavy, describeAsPlanned, describeSeparator
    case candidateLine, candidateClusters, candidateSearch, candidateMILP, candidateStaffing, candidateOwn, candidateBaseline
    case setAsideMisses, setAsideWorse, setAsideMissesMore, setAsideBreaksRules, impossibleFinish, impossibleService, impossibleTeams, impossibleCourier, impossibleLifts, impossibleLiftsStairs, liftRidersAboveGround, liftRidersAboveFloor, stairsFloors, stairsFloorTwo
    // What a plan changes
    case effectMean, effectP95, effectFinish, effectLine, effectLineClock, down, up
    case changeMoved, moveSite, moveWindow, moreInSchedule, moreBuildings, changeRecut, recutItem, recutItemAt, partItem, partWindow, changeAdded
    case changeBreaks, breakItem, changeDrops, dropItem, changeHandovers, changeStaffing, changeCourier, changeDoorToDoor
    // Site sheets
    case sheetsTitle, sheetMeta, sheetTimetable, timetableColumns, noCallUps, sheetTeams, teamColumns, relievedBy
    case sheetDesks, desksAllOpen, deskPeriod, desksOtherwise, workersHere, workerItem
    case sheetCouriers, pickupAbout, sheetDoorToDoor, doorToDoorItem
    // Building notices
    case noticeHeader, noticeAllFloors, noticeFloor, noticeFloors, noticeFloorSeparator, noticeDate
    case noticeCallUp, noticeNoWait, noticeWaitOneMinute, noticeWait, noticeBusy, noticeEnd, noticeCatchUp
    case noticeRules, noticeBring, noticeHealthCode, noticeContactInline, noticePriorityLane, noticeRain, noticeHeat
    case noticeAtHome, noticeStairs, noticeContact, noticeFooterSeparator, noticeReplaces, readmeChanges
    // CSV headers and cells
    case csvSchedule, csvFollowUp, csvRosters, csvCourierRuns, csvSites, reliefAt
    // The published folder's README
    case readmeTitle, readmePlan, readmeColumns, readmeNotices
    case aboutSchedule, aboutSiteSheets, aboutRosters, aboutCourierRuns, aboutFollowUp, aboutReport, aboutSummary, aboutSites
}
