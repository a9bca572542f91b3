import SimKit

// The round's state grouped by what it describes. Each group keeps its parallel arrays (the
// layout the loop reads fast) and copies itself as a whole: `Slab`s share memory between
// copies, so a state that must run on independently (the weather twin) copies group by group.

/// Each site's four FIFO lanes (registration priority and normal, swab priority and normal) as
/// one array of resident indices with a head and tail per lane.
struct Lines {
    var queue: Slab<Int32>
    var queueHead: Slab<Int>
    var queueTail: Slab<Int>
    /// When the entry at each position joined its line (for placing a late-found return).
    var queueJoined: Slab<Double>
    /// Position of each resident's current registration-line entry (entries of residents who
    /// left are skipped).
    var queuePosition: Slab<Int>

    func copy() -> Lines {
        Lines(queue: queue.copy(), queueHead: queueHead.copy(), queueTail: queueTail.copy(),
              queueJoined: queueJoined.copy(), queuePosition: queuePosition.copy())
    }
}

/// The swab stations (global index) and the swab teams that staff them.
struct Crews {
    var stationTeam: Slab<Int32>
    var stationResident: Slab<Int32>
    var stationAfter: Slab<AfterSwab>
    var stationIncoming: Slab<Int32>
    var teamState: Slab<TeamState>
    var teamWorkStart: Slab<Double>
    var teamLimit: Slab<Double>
    var teamActive: Slab<Double>
    var teamBusy: Slab<Double>

    func copy() -> Crews {
        Crews(stationTeam: stationTeam.copy(), stationResident: stationResident.copy(), stationAfter: stationAfter.copy(),
              stationIncoming: stationIncoming.copy(), teamState: teamState.copy(), teamWorkStart: teamWorkStart.copy(),
              teamLimit: teamLimit.copy(), teamActive: teamActive.copy(), teamBusy: teamBusy.copy())
    }
}

/// Each resident's moments: when they joined a line, were queued for and started their swab,
/// where they are, how long they waited to register, whether they left and came back.
struct ResidentLog {
    var joinedLine: Slab<Double>
    var swabQueued: Slab<Double>
    var swabStarted: Slab<Double>
    var stage: Slab<Stage>
    var registrationWait: Slab<Double>
    var cameBack: Slab<Bool>

    func copy() -> ResidentLog {
        ResidentLog(joinedLine: joinedLine.copy(), swabQueued: swabQueued.copy(), swabStarted: swabStarted.copy(),
                    stage: stage.copy(), registrationWait: registrationWait.copy(), cameBack: cameBack.copy())
    }
}
