// Allure 3 report of the acceptance suite: one self-contained HTML file, Chinese UI,
// grouped as the guide is (part → section → guide ID).
import { defineConfig } from "allure";

export default defineConfig({
  name: "稳岗返还注册登录 验收测试报告",
  output: "./reports/allure-report",
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
