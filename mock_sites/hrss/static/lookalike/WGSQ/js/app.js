/* 广东省失业保险金返还补贴申报系统 (/WGSQ#/), lookalike rendition: a hash-routed app in plain
 * JavaScript with jQuery EasyUI (plain JS is a guess; the hash routes and EasyUI are evidence:
 * pages__69525_cn_post_2654807.txt, hrss__*). Views: #/ (the system's matters) and #/confirm
 * (稳岗返还信息确认: a datagrid filled from the platform's JSON, 「确认」 posts, answers in
 * messager windows). Refusals (guide C2) come from the server and show as a messager window.
 */
(function ($) {
  "use strict";

  function token() { return $('meta[name="csrf-token"]').attr("content"); }

  function request(method, url, data) {
    return $.ajax({
      url: url, type: method, dataType: "json", contentType: "application/json",
      headers: { "Accept": "application/json", "X-CSRF-Token": token() },
      data: data === undefined ? undefined : JSON.stringify(data)
    }).then(function (answer) { return answer; }, function (xhr) {
      var answer = xhr.responseJSON || {};
      answer.ok = false;
      answer.status = xhr.status;
      answer.message = answer.message || answer.error || "系统繁忙，请稍后再试";
      return $.Deferred().resolve(answer);
    });
  }

  function frame() {
    return $('<div class="wg-header"><span class="wg-title">广东省失业保险金返还补贴申报系统</span>' +
      '<div class="wg-nav"><a href="#/">首页</a><a href="/platform/home">返回网上服务平台</a></div></div>' +
      '<div class="wg-main"></div>');
  }

  function showHome($main) {
    var $panel = $("<div></div>").appendTo($main);
    $panel.panel({ title: "企业稳岗返还申报", content: '<div class="wg-menu"><a href="#/confirm">稳岗返还信息确认</a></div>' });
  }

  function showRefusal(answer) {
    $.messager.alert(answer.title || "提示", answer.message, "error", function () {
      if (answer.status === 401) { window.location.href = "/isso/login.html"; }
    });
  }

  function operation(value, row) {
    return row.confirmed_at ? "" : '<a href="javascript:void(0)" class="wg-confirm" data-id="' + row.id + '">确认</a>';
  }

  function status(value, row) {
    return row.confirmed_at ? "已确认（" + row.confirmed_at + "）" : "待确认";
  }

  function fill($grid, $unit, $empty, answer) {
    $unit.text("单位名称：" + answer.unit.unit_name + "　统一社会信用代码：" + answer.unit.cert_no);
    $grid.datagrid("loadData", answer.rebates);
    $empty.toggle(answer.rebates.length === 0);
    $grid.datagrid("getPanel").find("a.wg-confirm").linkbutton();
  }

  // The view is drawn once the platform has said the session may use it: a refused session
  // sees the refusal only.
  function showConfirm($main) {
    request("GET", "/platform/rebate").then(function (answer) {
      if (!answer.ok) { showRefusal(answer); return; }
      var $panel = $('<div><div class="wg-unit"></div><table class="wg-grid"></table><div class="wg-empty" style="display:none">暂无稳岗返还信息</div></div>').appendTo($main);
      $panel.panel({ title: "稳岗返还信息确认", style: { padding: "8px 12px" } });
      var $grid = $panel.find(".wg-grid"), $unit = $panel.find(".wg-unit"), $empty = $panel.find(".wg-empty");
      $grid.datagrid({
        singleSelect: true,
        fitColumns: true,
        columns: [[
          { field: "period", title: "返还年度", width: 90 },
          { field: "amount", title: "返还金额（元）", width: 110, align: "right" },
          { field: "bank_name", title: "开户银行", width: 180 },
          { field: "account", title: "银行账号", width: 160 },
          { field: "status", title: "确认状态", width: 190, formatter: status },
          { field: "op", title: "操作", width: 80, align: "center", formatter: operation }
        ]],
        data: []
      });
      fill($grid, $unit, $empty, answer);
      $panel.on("click", "a.wg-confirm", function () {
        var id = $(this).attr("data-id");
        request("POST", "/platform/rebate/" + id + "/confirm", {}).then(function (result) {
          $.messager.alert("提示", result.message, result.ok ? "info" : "warning");
          request("GET", "/platform/rebate").then(function (fresh) {
            if (fresh.ok) { fill($grid, $unit, $empty, fresh); } else { showRefusal(fresh); }
          });
        });
      });
    });
  }

  function route() {
    var $app = $("#app").empty().append(frame());
    $app.find(".wg-nav a").linkbutton({ plain: true });
    var $main = $app.find(".wg-main");
    var view = window.location.hash.replace(/^#\/?/, "").split("?")[0];
    if (view === "confirm") { showConfirm($main); } else { showHome($main); }
  }

  $(window).on("hashchange", route);
  $(route);
})(jQuery);
