// The GD-IdP spa rendition's shared script: one Vue 2 app per page, mounted on the page's
// in-DOM template with Element-UI, the way the real portal's pages are built. Server values
// arrive as JSON in #page-data; `${ }` delimiters keep Vue's templates apart from Jinja's.
"use strict";

window.gd = (function () {
  function csrfToken() {
    const meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  // A login replaces the session and its CSRF token, and the answer carries the new one: a page
  // that logs in by script and stays must post with it from then on.
  function adoptCsrfToken(response) {
    const token = response.headers.get("X-CSRF-Token");
    if (!token) return;
    const meta = document.querySelector("meta[name=csrf-token]");
    if (meta) meta.content = token;
    for (const field of document.querySelectorAll("input[name=csrf_token]")) field.value = token;
  }

  // A state-changing request as the portal's front end makes it: JSON with the CSRF header.
  // Resolves to {status, body}; the page decides where to show a refusal.
  async function send(url, body, method) {
    const response = await fetch(url, {
      method: method || "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    adoptCsrfToken(response);
    let answer = {};
    try { answer = await response.json(); } catch (error) { answer = { ok: false, error: "服务繁忙，请稍后再试" }; }
    return { status: response.status, body: answer };
  }

  async function load(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    return { status: response.status, body: await response.json() };
  }

  function pageData() {
    const holder = document.getElementById("page-data");
    return holder ? JSON.parse(holder.textContent || "{}") : {};
  }

  // Messages the server flashed for this page (e.g. after a redirect), shown as Element toasts.
  function flashes() {
    const holder = document.getElementById("flashes");
    return holder ? JSON.parse(holder.textContent || "[]") : [];
  }

  // Mounts the page's app. `options` may add data(), methods, computed, mounted.
  function mount(options) {
    const own = options || {};
    const ownData = own.data;
    return new Vue(Object.assign({}, own, {
      el: "#app",
      delimiters: ["${", "}"],
      data() {
        return Object.assign({ userMenu: false }, pageData(), ownData ? ownData.call(this) : {});
      },
      mounted() {
        for (const text of flashes()) this.$message({ message: text, type: "success", duration: 6000, showClose: true });
        if (own.mounted) own.mounted.call(this);
      },
      methods: Object.assign({
        go(url) { window.location.assign(url); },
        toast(text, type) { this.$message({ message: text, type: type || "error", duration: 6000, showClose: true }); },
      }, own.methods || {}),
    }));
  }

  // The 省 → 市 → 区 choices of a page whose data has `form.province/city/district` and
  // `region_pairs`: the pages that ask for an address put them into their `computed`.
  const regionChoices = {
    cities() {
      const province = this.region_pairs.find((pair) => pair[0] === this.form.province);
      return province ? province[1].map((pair) => pair[0]) : [];
    },
    districts() {
      const province = this.region_pairs.find((pair) => pair[0] === this.form.province);
      const city = province ? province[1].find((pair) => pair[0] === this.form.city) : null;
      return city ? city[1] : [];
    },
  };

  return { send, load, mount, pageData, regionChoices };
})();
