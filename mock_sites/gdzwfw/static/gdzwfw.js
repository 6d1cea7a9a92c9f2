// The little script the GD-IdP pages need: cascading address selects, the applicant's
// mini-program code (poll until scanned, 「刷新小程序码」), 「获取验证码」, and the user menu.
// Everything else is plain server-rendered HTML.
"use strict";

// Requests that change state carry the page's CSRF token (the server refuses them without).
function csrfHeaders() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? { "X-CSRF-Token": meta.content } : {};
}

function cascadeAddressSelects() {
  const data = document.getElementById("regions-data");
  const province = document.getElementById("province");
  const city = document.getElementById("city");
  const district = document.getElementById("district");
  if (!data || !province || !city || !district) return;
  const regions = JSON.parse(data.textContent);
  const fill = (select, names) => {
    select.length = 1; // keep 「请选择」
    for (const name of names) select.add(new Option(name, name));
  };
  province.addEventListener("change", () => {
    fill(city, Object.keys(regions[province.value] || {}));
    fill(district, []);
  });
  city.addEventListener("change", () => {
    fill(district, (regions[province.value] || {})[city.value] || []);
  });
}

function faceRecognitionCode() {
  const box = document.querySelector("[data-face-code]");
  if (!box) return;
  const code = box.querySelector("[data-ticket]");
  const number = box.querySelector("[data-face-ticket]");
  const applicant = box.querySelector("[data-applicant]");
  const url = box.dataset.stateUrl;
  const show = (state) => {
    code.dataset.ticket = state.ticket;
    number.textContent = state.ticket;
    applicant.textContent = state.applicant ? "已添加申请人实名信息：" + state.applicant : "";
  };
  // Polling stands in for the real page's push from the WeChat mini program; each poll asks about
  // the code the page shows. A poll answer can arrive after 「刷新小程序码」 although it left
  // before it (a slow network), and would put the old code back: each refresh starts a new
  // generation, polls wait while a refresh is under way, and an answer from an older generation
  // is dropped.
  let generation = 0;
  let refreshing = false;
  const poll = async () => {
    if (applicant.textContent || refreshing) return;
    const asked = generation;
    const shown = new URLSearchParams({ ticket: code.dataset.ticket });
    const response = await fetch(`${url}?${shown}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const state = await response.json();
    if (asked === generation && !refreshing) show(state);
  };
  setInterval(poll, 400);
  box.querySelector("[data-refresh-face-code]").addEventListener("click", async () => {
    const mine = ++generation;
    refreshing = true;
    try {
      const response = await fetch(url, { method: "POST", headers: csrfHeaders() });
      if (response.ok && mine === generation) show(await response.json());
    } finally {
      if (mine === generation) refreshing = false;
    }
  });
}

function smsCodeButton() {
  const button = document.querySelector("[data-send-sms]");
  if (!button) return;
  const status = document.querySelector("[data-sms-status]");
  button.addEventListener("click", async () => {
    const body = new URLSearchParams({ phone: document.getElementById("phone").value });
    const response = await fetch(button.dataset.sendSms, { method: "POST", body, headers: csrfHeaders() });
    const answer = await response.json();
    status.textContent = answer.message;
    status.classList.toggle("error", !answer.ok);
  });
}

function userMenu() {
  const button = document.querySelector("[data-menu-button]");
  if (!button) return;
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  });
}

cascadeAddressSelects();
faceRecognitionCode();
smsCodeButton();
userMenu();
