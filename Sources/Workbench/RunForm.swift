import Foundation
import Scenario

/// The run form read into a request, every field checked against its range; what is wrong
/// says what a valid value looks like.
enum RunForm {
    struct Problem: Error {
        let zh: String
        let en: String
        func text(_ l: Language) -> String { l == .zh ? zh : en }
    }

    static func request(_ form: Form, scenario f: String, saved: [String], rules base: RuleSettings? = nil) -> Result<RunRequest, Problem> {
        guard let kind = RunRecord.Kind(rawValue: form["kind"] ?? "simulate") else {
            return .failure(Problem(zh: "未知的运行类型", en: "unknown kind of run; expected simulate, optimize or compare"))
        }
        guard let seed = form["seed"].flatMap(UInt64.init) else {
            return .failure(Problem(zh: "随机种子应为非负整数，例如 1", en: "the seed is a whole number from 0, such as 1"))
        }
        let known = Set(["scenario", "baseline"] + saved)
        switch kind {
        case .simulate:
            guard let n = form["replications"].flatMap(Int.init), (2...Workbench.maxReplications).contains(n) else {
                return .failure(Problem(zh: "模拟次数应为2至\(Workbench.maxReplications)的整数", en: "replications must be a whole number from 2 to \(Workbench.maxReplications)"))
            }
            guard let plan = form["plan"], known.contains(plan) else { return .failure(unknownPlan) }
            return .success(RunRequest(kind: .simulate, scenario: f, replications: n, seed: seed, plans: [plan]))
        case .optimize:
            guard let t = form["time_limit"].flatMap(Double.init), t >= 5, t <= Workbench.maxTimeLimit else {
                return .failure(Problem(zh: "时限应为5至\(Int(Workbench.maxTimeLimit))秒", en: "the time limit is 5 to \(Int(Workbench.maxTimeLimit)) seconds"))
            }
            let objective = form["objective"] ?? "scenario"
            guard ["scenario", "mean", "p95", "share20"].contains(objective) else {
                return .failure(Problem(zh: "未知的目标函数", en: "unknown objective; expected scenario, mean, p95 or share20"))
            }
            var q = RunRequest(kind: .optimize, scenario: f, replications: 0, seed: seed, plans: [],
                               timeLimit: t, objective: objective == "scenario" ? nil : objective)
            if let base {
                switch RuleSettings.read(form, over: base) {
                case .failure(let p): return .failure(p)
                case .success(let rules): if rules != base { q.rules = rules }
                }
            }
            return .success(q)
        case .replan:
            return .failure(Problem(zh: "请用现场情况表单重新安排", en: "a re-plan starts from the morning form"))
        case .compare:
            guard let n = form["replications"].flatMap(Int.init), (20...1000).contains(n) else {
                return .failure(Problem(zh: "模拟次数应为20至1000的整数", en: "replications must be a whole number from 20 to 1000"))
            }
            var plans: [String] = []
            for p in form.all("plan") where !plans.contains(p) { plans.append(p) }
            guard (2...4).contains(plans.count) else { return .failure(Problem(zh: "请选2至4个方案。", en: "Choose 2 to 4 plans.")) }
            guard plans.allSatisfy(known.contains) else { return .failure(unknownPlan) }
            return .success(RunRequest(kind: .compare, scenario: f, replications: n, seed: seed, plans: plans))
        }
    }

    static let unknownPlan = Problem(zh: "未知的方案", en: "unknown plan; expected scenario, baseline or a saved plan of this scenario")
}
