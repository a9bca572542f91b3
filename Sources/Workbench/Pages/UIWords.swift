import Scenario

/// The workbench's own words (its buttons, headings and states), Chinese first; what the
/// library says (reports, errors) comes in its own wording.
enum UI: String, CaseIterable {
    case title, scenarios, noScenarios, open, duplicate, duplicated, buildings, residents, sites, teams, date, round
    case checkOK, checkErrors, run, replications, seed, plan, planOwn, planBaseline, runs, noRuns, status
    case queued, running, done, failed, cancelled, cancel, progress, targets, met, missed, siteStatus
    case clear, busy, congested, peakWait, report, map, mapNote, waitNote, switchLanguage, back, error, notFound
    case refused, tooLarge, opened, requested, figure, target, fullReport, minutes, site, compound, floors, lifts, desks, stations
    case nearest, callUps, window, openRun

    func text(_ l: Language) -> String {
        let (zh, en) = UI.table[self]!
        return l == .zh ? zh : en
    }

    static let table: [UI: (String, String)] = [
        .title: ("SwabPlan 核酸采样规划工作台", "SwabPlan workbench"),
        .scenarios: ("方案列表", "Scenarios"),
        .noScenarios: ("此文件夹中还没有方案文件（.yaml）。", "No scenario files (.yaml) in this folder yet."),
        .open: ("打开", "Open"),
        .duplicate: ("复制为假设方案", "Duplicate as a what-if"),
        .duplicated: ("已复制为", "Duplicated as"),
        .buildings: ("楼栋", "buildings"),
        .residents: ("居民", "residents"),
        .sites: ("采样点", "sites"),
        .teams: ("采样组", "swab teams"),
        .date: ("日期", "date"),
        .round: ("采样时间", "round"),
        .checkOK: ("检查通过", "Checked: no errors"),
        .checkErrors: ("文件有错误，请改正后再运行：", "The file has errors; correct them before running:"),
        .run: ("模拟", "Simulate"),
        .replications: ("模拟次数", "replications"),
        .seed: ("随机种子", "seed"),
        .plan: ("方案", "plan"),
        .planOwn: ("方案文件中的安排", "the scenario's own plan"),
        .planBaseline: ("基准（开场全部通知到最近采样点）", "baseline (everyone called at opening to the nearest site)"),
        .runs: ("模拟记录", "Runs"),
        .noRuns: ("还没有模拟记录。", "No runs yet."),
        .status: ("状态", "status"),
        .queued: ("排队中", "queued"),
        .running: ("运行中", "running"),
        .done: ("完成", "done"),
        .failed: ("失败", "failed"),
        .cancelled: ("已取消", "cancelled"),
        .cancel: ("取消", "Cancel"),
        .progress: ("进度", "progress"),
        .targets: ("目标", "Targets"),
        .met: ("达到", "met"),
        .missed: ("未达到", "missed"),
        .siteStatus: ("各采样点的状态（每15分钟）", "Each site's state (every 15 minutes)"),
        .clear: ("畅通", "clear"),
        .busy: ("忙碌", "busy"),
        .congested: ("拥堵", "congested"),
        .peakWait: ("最长估计等候（分钟）", "peak estimated wait (minutes)"),
        .report: ("报告", "Report"),
        .map: ("地图", "Map"),
        .mapNote: ("按方案文件中的坐标绘制；楼栋的颜色为其采样点，线为步行路线。", "Drawn from the scenario's coordinates; each building in its site's colour, lines for the walk."),
        .waitNote: ("等候按当时的排队人数估计：畅通＜25分钟，忙碌≥25分钟，拥堵≥50分钟。", "Waits estimated from the lines at the time: clear under 25 minutes, busy from 25, congested from 50."),
        .switchLanguage: ("English", "中文"),
        .back: ("返回", "Back"),
        .error: ("出错了", "Something went wrong"),
        .notFound: ("找不到这个页面或文件。", "No such page or file."),
        .refused: ("请求被拒绝。", "Request refused."),
        .tooLarge: ("请求太大。", "Request too large."),
        .opened: ("打开", "open"),
        .requested: ("时间", "requested"),
        .figure: ("结果（95%置信区间）", "result (95% interval)"),
        .target: ("目标", "target"),
        .fullReport: ("完整报告（图表、警告、各采样点）", "The full report (charts, warnings, every site)"),
        .minutes: ("分钟", "minutes"),
        .site: ("采样点", "site"),
        .compound: ("院落", "compound"),
        .floors: ("层数", "floors"),
        .lifts: ("电梯", "lifts"),
        .desks: ("登记台", "desks"),
        .stations: ("采样台", "stations"),
        .nearest: ("最近采样点", "nearest site"),
        .callUps: ("通知", "call-ups"),
        .window: ("时段", "window"),
        .openRun: ("查看", "View"),
    ]
}
