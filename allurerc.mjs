// Allure 3 report of the acceptance suite: one self-contained HTML file, Chinese UI,
// grouped as the guide is (part → section → guide ID). Every report appends its results to the
// history file, kept outside the results and report folders that `make e2e` deletes, so that a
// scenario that passes in one run and fails in another shows as flaky, with its trend.
import { defineConfig } from "allure";

export default defineConfig({
  name: "稳岗返还注册登录 验收测试报告",
  output: "./reports/allure-report",
  historyPath: "./reports/history/allure-history.jsonl",
  historyLimit: 20,
  plugins: {
    awesome: {
      options: {
        reportName: "稳岗返还注册登录 验收测试报告",
        singleFile: true,
        reportLanguage: "zh",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
