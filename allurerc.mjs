// Allure 3 report of the acceptance suite, Chinese UI, grouped as the guide is (part → section →
// guide ID). One self-contained HTML file while the results fit the size budget; above it
// (`make report` decides, harness/reporting/budget.py) the multi-file report, which any static web
// server serves (`make report-serve`). Every report appends its results to the history file,
// kept outside the results and report folders that `make e2e` deletes, so that a scenario that
// passes in one run and fails in another shows as flaky, with its trend.
import { defineConfig } from "allure";

const singleFile = process.env.ALLURE_SINGLE_FILE !== "0";

export default defineConfig({
  name: "稳岗返还注册登录 验收测试报告",
  output: "./reports/allure-report",
  historyPath: process.env.ALLURE_HISTORY_PATH || "./reports/history/allure-history.jsonl",
  historyLimit: 20,
  plugins: {
    awesome: {
      options: {
        reportName: "稳岗返还注册登录 验收测试报告",
        singleFile,
        reportLanguage: "zh",
        groupBy: ["epic", "feature", "story"],
        // By name: the parts' letters (A 一、B 二、C 三、) keep the guide's order; by run order
        // (the default) the parts come as the workers happened to finish them.
        defaultSortBy: "name,asc",
      },
    },
  },
});
