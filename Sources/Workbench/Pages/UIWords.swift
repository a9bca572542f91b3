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
    case optimize, timeLimit, seconds, objective, objectiveOwn, objectiveMean, objectiveP95, objectiveShare20, compare, comparePlans
    case keepPlan, planName, planNameHint, keptAs, savedPlans, changes, noChanges, optimiseReport, log, kindSimulate, kindOptimize
    case kindCompare, kind, betterNote, lineChart, people, differenceFromFirst, badName, compareNeedsTwo
    case publish, downloadZip, writeFolder, notices, written

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
        .optimize: ("优化", "Optimise"),
        .timeLimit: ("时限", "time limit"),
        .seconds: ("秒", "s"),
        .objective: ("目标函数", "objective"),
        .objectiveOwn: ("方案文件中的时间目标", "the scenario's own time target"),
        .objectiveMean: ("平均到场至采完时间", "mean time in system"),
        .objectiveP95: ("95%分位到场至采完时间", "95th percentile time in system"),
        .objectiveShare20: ("等候超过20分钟的比例", "share waiting over 20 minutes"),
        .compare: ("比较方案", "Compare plans"),
        .comparePlans: ("选2至4个方案，在相同的居民、采样时间和天气下比较（共同随机数）", "Choose 2 to 4 plans, compared on the same residents, service times and weather (common random numbers)"),
        .keepPlan: ("保存为方案", "Keep as a plan"),
        .planName: ("方案名称", "plan name"),
        .planNameHint: ("字母、汉字、数字、-、_，最多40个", "letters, digits, - and _, at most 40"),
        .keptAs: ("已保存为", "Kept as"),
        .savedPlans: ("保存的方案", "Saved plans"),
        .changes: ("与方案文件中的安排相比，改动如下", "What it changes against the scenario's own plan"),
        .noChanges: ("与方案文件中的安排相同。", "The same as the scenario's own plan."),
        .optimiseReport: ("优化结果", "The optimiser's report"),
        .log: ("进展", "Progress"),
        .kindSimulate: ("模拟", "simulation"),
        .kindOptimize: ("优化", "optimisation"),
        .kindCompare: ("比较", "comparison"),
        .kind: ("类型", "kind"),
        .betterNote: ("与第一个方案相比：绿色为更好，红色为更差（配对95%置信区间不含0）。", "Against the first plan: green better, red worse (the paired 95% interval excludes 0)."),
        .lineChart: ("各采样点排队人数（每15分钟平均，各方案一条线）", "People in line at each site (mean per quarter hour, a line per plan)"),
        .people: ("人", "people"),
        .differenceFromFirst: ("与第一个方案之差", "difference from the first"),
        .badName: ("方案名称只能含字母、汉字、数字、-、_，最多40个。", "A plan name holds letters, digits, - and _ only, at most 40."),
        .compareNeedsTwo: ("请选2至4个方案。", "Choose 2 to 4 plans."),
        .publish: ("发布：通知、工作单、时间表", "Publish: notices, site sheets, timetables"),
        .downloadZip: ("下载zip", "Download a zip"),
        .writeFolder: ("写入文件夹", "Write the folder"),
        .notices: ("各楼栋通知", "Building notices"),
        .written: ("已写入", "Written to"),
    ]
}
