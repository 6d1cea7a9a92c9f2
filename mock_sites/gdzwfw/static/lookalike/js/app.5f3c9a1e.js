/* 广东省统一身份认证平台 (lookalike rendition): the login, registration and account pages as one
 * client-rendered app mounted on #app, with routes under /pscp/sso/static/ switched in place.
 *
 * Shapes and where they come from:
 * - #app, the in-house `gd-` components (.gd-tabs-nav, .gd-tabs-nav-active with its name in a
 *   <span>, .gd-tabs-pane with both panes in the DOM, each pane's own <a>账号密码, the QR block
 *   .qr): shared/evidence/gdidp__greasyfork_archives__js_greasyfork_37988.js and
 *   gdidp__NoQRCodeLogin_mmxxooyy__NoQRCodeLogin.js.
 * - The QR code as first view, inputs known only by placeholder (请输入账号 / 请输入密码 /
 *   请输入图中算式的计算结果), the arithmetic captcha image, <button class="gd-btn gd-btn-primary">:
 *   shared/evidence/gdidp__selenium_demo__zhongshan_main.py.
 * - Routes /pscp/sso/static/manage/info and manage/realname?key=realname:
 *   shared/evidence/gdidp__unattributed_tyrzService.js; the words 账户管理 / 账户可信等级 /
 *   立即核验 / 未核验 → 已核验: pages__m_smohamad_com_26045.txt, pages__cn_dfyuhang_com_xzsp_12185.txt.
 * - Everything else is a guess in the same style: the real framework is unknown (Vue 2 here is a
 *   guess), so are the other components (select, checkbox, dialog, toast, steps), labels as
 *   unbound text before a field, toasts without a role that vanish, help links in new tabs.
 * The guide's texts are kept verbatim.
 */
(function () {
  "use strict";

  var BOOT = window.__GD_BOOT__ || {};
  var BASE = "/pscp/sso/static";
  var TOAST_MS = 4500;

  // ------------------------------------------------------------------ talking to the server

  function csrfToken() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  // A login replaces the session and its CSRF token; the answer carries the new one.
  function adoptCsrfToken(response) {
    var token = response.headers.get("X-CSRF-Token");
    var meta = document.querySelector("meta[name=csrf-token]");
    if (token && meta) meta.content = token;
  }

  function answerOf(response) {
    adoptCsrfToken(response);
    return response.json().then(
      function (body) { return { status: response.status, body: body }; },
      function () { return { status: response.status, body: { ok: false, error: "服务繁忙，请稍后再试" } }; }
    );
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    }).then(answerOf);
  }

  function load(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(answerOf);
  }

  function withQuery(url, query) {
    var params = new URLSearchParams();
    Object.keys(query).forEach(function (key) {
      if (query[key] !== undefined && query[key] !== null && query[key] !== "") params.set(key, query[key]);
    });
    var text = params.toString();
    return text ? url + "?" + text : url;
  }

  function helpUrl(slug) { return "/portal/help/" + slug + ".html"; }

  // ------------------------------------------------------------------ toasts (no role; they go away)

  function toast(text, kind) {
    if (!text) return;
    var holder = document.querySelector(".gd-toast-holder");
    if (!holder) {
      holder = document.createElement("div");
      holder.className = "gd-toast-holder";
      document.body.appendChild(holder);
    }
    var item = document.createElement("div");
    item.className = "gd-toast gd-toast-" + (kind || "error");
    var icon = document.createElement("i");
    icon.className = "gd-toast-icon";
    var words = document.createElement("span");
    words.className = "gd-toast-text";
    words.textContent = text;
    item.appendChild(icon);
    item.appendChild(words);
    holder.appendChild(item);
    setTimeout(function () { item.remove(); }, TOAST_MS);
  }

  // ------------------------------------------------------------------ routes switched in place

  var route = Vue.observable({ path: "", query: {} });

  function readRoute() {
    var path = location.pathname.indexOf(BASE) === 0 ? location.pathname.slice(BASE.length) : "";
    route.path = path.replace(/^\/+|\/+$/g, "");
    var query = {};
    new URLSearchParams(location.search).forEach(function (value, key) { query[key] = value; });
    route.query = query;
  }

  function go(path, query, replace) {
    var url = withQuery(BASE + "/" + path, query || {});
    history[replace ? "replaceState" : "pushState"](null, "", url);
    readRoute();
    window.scrollTo(0, 0);
  }

  window.addEventListener("popstate", readRoute);
  readRoute();

  // ------------------------------------------------------------------ pictures of codes

  // A QR-like picture for a code: the phone is played by the mock's console, so the modules are
  // only drawn from the code's number (the same number, the same picture).
  function codePicture(seed, size) {
    var cells = 25, unit = 6, state = 0;
    var text = String(seed || "gd");
    for (var i = 0; i < text.length; i++) state = (state * 31 + text.charCodeAt(i)) >>> 0;
    function next() { state = (state * 1103515245 + 12345) >>> 0; return state >>> 16; }
    var rects = [];
    function finder(x, y) {
      rects.push('<rect x="' + x * unit + '" y="' + y * unit + '" width="' + 7 * unit + '" height="' + 7 * unit + '" fill="#000"/>');
      rects.push('<rect x="' + (x + 1) * unit + '" y="' + (y + 1) * unit + '" width="' + 5 * unit + '" height="' + 5 * unit + '" fill="#fff"/>');
      rects.push('<rect x="' + (x + 2) * unit + '" y="' + (y + 2) * unit + '" width="' + 3 * unit + '" height="' + 3 * unit + '" fill="#000"/>');
    }
    for (var y = 0; y < cells; y++) {
      for (var x = 0; x < cells; x++) {
        var inFinder = (x < 8 && y < 8) || (x > 16 && y < 8) || (x < 8 && y > 16);
        if (!inFinder && next() % 2) rects.push('<rect x="' + x * unit + '" y="' + y * unit + '" width="' + unit + '" height="' + unit + '" fill="#000"/>');
      }
    }
    finder(0, 0); finder(18, 0); finder(0, 18);
    var side = cells * unit;
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + (size || side) + '" height="' + (size || side) + '" viewBox="-6 -6 ' + (side + 12) + " " + (side + 12) + '"><rect x="-6" y="-6" width="' + (side + 12) + '" height="' + (side + 12) + '" fill="#fff"/>' + rects.join("") + "</svg>";
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  }

  // ------------------------------------------------------------------ in-house components

  Vue.component("gd-button", {
    props: { type: String, loading: Boolean, size: String },
    template:
      '<button type="button" class="gd-btn" :class="[type ? \'gd-btn-\' + type : \'\', size ? \'gd-btn-\' + size : \'\', { \'gd-btn-loading\': loading }]"' +
      ' :disabled="loading" @click="$emit(\'click\')"><span><slot></slot></span></button>',
  });

  Vue.component("gd-input", {
    props: { value: String, placeholder: String, type: String },
    template:
      '<div class="gd-input"><slot name="prepend"></slot>' +
      '<input class="gd-input-inner" :type="type || \'text\'" :value="value" :placeholder="placeholder" autocomplete="off"' +
      ' @input="$emit(\'input\', $event.target.value)" @blur="$emit(\'blur\')"><slot></slot></div>',
  });

  // A drop-down drawn over a read-only input: its choices are divs shown under it while open.
  Vue.component("gd-select", {
    props: { value: String, options: Array },
    data: function () { return { open: false }; },
    template:
      '<div class="gd-select" :class="{ \'gd-select-open\': open }">' +
      '<input class="gd-select-input" readonly :value="value" placeholder="请选择" @click="open = !open"><i class="gd-select-arrow" @click="open = !open"></i>' +
      '<div class="gd-select-dropdown" v-show="open">' +
      '<div class="gd-select-option" @click="pick(\'\')">请选择</div>' +
      '<div v-for="option in options" :key="option" class="gd-select-option" :class="{ \'gd-select-option-selected\': option === value }" @click="pick(option)">{{ option }}</div>' +
      "</div></div>",
    mounted: function () {
      var self = this;
      this.outside = function (event) { if (!self.$el.contains(event.target)) self.open = false; };
      document.addEventListener("click", this.outside);
    },
    beforeDestroy: function () { document.removeEventListener("click", this.outside); },
    methods: {
      pick: function (option) {
        this.open = false;
        this.$emit("input", option);
        this.$emit("change", option);
      },
    },
  });

  // A drawn box; the native input under it only keeps the state.
  Vue.component("gd-checkbox", {
    props: { value: Boolean },
    template:
      '<span class="gd-checkbox" :class="{ \'gd-checkbox-checked\': value }">' +
      '<span class="gd-checkbox-box" @click="toggle"><input type="checkbox" class="gd-checkbox-original" :checked="value" tabindex="-1"></span>' +
      '<span class="gd-checkbox-label"><slot></slot></span></span>',
    methods: {
      toggle: function () {
        this.$emit("input", !this.value);
        this.$emit("change", !this.value);
      },
    },
  });

  Vue.component("gd-tabs", {
    props: { value: String, tabs: Array },
    template:
      '<div class="gd-tabs"><div class="gd-tabs-nav">' +
      '<div v-for="tab in tabs" :key="tab[0]" class="gd-tabs-nav-item" :class="{ \'gd-tabs-nav-active\': tab[0] === value }" @click="choose(tab[0])"><span>{{ tab[1] }}</span></div>' +
      '</div><div class="gd-tabs-content"><slot></slot></div></div>',
    methods: {
      choose: function (name) {
        this.$emit("input", name);
        this.$emit("change", name);
      },
    },
  });

  Vue.component("gd-steps", {
    props: { steps: Array, active: Number },
    template:
      '<div class="gd-steps"><div v-for="(name, index) in steps" :key="name" class="gd-step" :class="{ \'gd-step-active\': index + 1 === active, \'gd-step-finish\': index + 1 < active }">' +
      '<span class="gd-step-num">{{ index + 1 }}</span> <span class="gd-step-title">{{ name }}</span></div></div>',
  });

  // A form row: the label is text before the field, not bound to it.
  Vue.component("gd-form-item", {
    props: { label: String, required: Boolean, error: String },
    template:
      '<div class="gd-form-item" :class="{ \'gd-form-item-is-error\': !!error }">' +
      '<span class="gd-form-item-label"><i v-if="required" class="gd-required">*</i>{{ label }}</span>' +
      '<div class="gd-form-item-content"><slot></slot></div>' +
      '<div v-if="error" class="gd-form-item-error">{{ error }}</div></div>',
  });

  // A dialog drawn in place over the page (no role); the close mark is drawn by the stylesheet.
  Vue.component("gd-dialog", {
    props: { title: String, width: String },
    template:
      '<div class="gd-dialog-wrapper"><div class="gd-dialog" :style="{ width: width || \'560px\' }">' +
      '<div class="gd-dialog-header"><span class="gd-dialog-title">{{ title }}</span><i class="gd-dialog-close" @click="$emit(\'close\')"></i></div>' +
      '<div class="gd-dialog-body"><slot></slot></div>' +
      '<div v-if="$slots.footer" class="gd-dialog-footer"><slot name="footer"></slot></div></div></div>',
  });

  Vue.component("gd-header", {
    props: { suffix: String },
    template:
      '<div class="gd-header"><div class="gd-header-inner">' +
      '<a class="gd-logo" href="/"><span class="gd-logo-mark"></span><span class="gd-logo-text">广东政务服务网</span></a>' +
      '<span class="gd-header-title">广东省统一身份认证平台{{ suffix ? " | " + suffix : "" }}</span>' +
      '<div class="gd-header-right"><slot></slot></div></div></div>',
  });

  // The 「请选择」 drop-downs of an address: 省 → 市 → 区.
  var regionChoices = {
    cities: function () {
      var province = (BOOT.region_pairs || []).find(function (pair) { return pair[0] === this.form.province; }, this);
      return province ? province[1].map(function (pair) { return pair[0]; }) : [];
    },
    districts: function () {
      var province = (BOOT.region_pairs || []).find(function (pair) { return pair[0] === this.form.province; }, this);
      var city = province ? province[1].find(function (pair) { return pair[0] === this.form.city; }, this) : null;
      return city ? city[1] : [];
    },
    provinces: function () { return (BOOT.region_pairs || []).map(function (pair) { return pair[0]; }); },
  };

  var ADDRESS_TEMPLATE =
    '<gd-form-item label="证件地址" required>' +
    '<div class="gd-address">' +
    '<div class="gd-address-part"><gd-select v-model="form.province" :options="provinces" @change="provinceChosen"></gd-select><div v-if="errors.province" class="gd-form-item-error">{{ errors.province }}</div></div>' +
    '<div class="gd-address-part"><gd-select v-model="form.city" :options="cities" @change="cityChosen"></gd-select><div v-if="errors.city" class="gd-form-item-error">{{ errors.city }}</div></div>' +
    '<div class="gd-address-part"><gd-select v-model="form.district" :options="districts" @change="changed(\'district\')"></gd-select><div v-if="errors.district" class="gd-form-item-error">{{ errors.district }}</div></div>' +
    "</div>" +
    '<div class="gd-address-part gd-address-detail"><gd-input v-model="form.address_detail" placeholder="请输入证件详细地址" @blur="changed(\'address_detail\')"></gd-input><div v-if="errors.address_detail" class="gd-form-item-error">{{ errors.address_detail }}</div></div>' +
    "</gd-form-item>";

  // ------------------------------------------------------------------ 登录

  var LoginView = {
    data: function () {
      var query = route.query;
      var legal = query.type === "legal" || (BOOT.legal_client && query.client_id === BOOT.legal_client);
      return {
        tab: legal ? "legal" : "personal",
        personal: { mode: "qr", captcha_id: "", form: { login_name: "", password: "", captcha: "" } },
        legal: { method: ["password", "bank", "ca"].indexOf(query.method) >= 0 ? query.method : "scan", method_label: "", other_methods: [], ticket: "", captcha_id: "", helper_prompt: false },
        form: { login_name: "", password: "", captcha: "", pin: "" },
        helperPrompt: false,
        helperMissing: "",
        busy: false,
        switches: 0,
      };
    },
    computed: {
      // Where a login goes: back to the client's authorize with its OAuth query, else `next`.
      next: function () {
        if (route.query.client_id) return "/pscp/sso/connect/page/oauth2/authorize" + location.search;
        return route.query.next || "";
      },
    },
    created: function () { this.switchMethod(this.legal.method); },
    methods: {
      code: codePicture,
      helpUrl: helpUrl,
      captchaUrl: function (id) { return "/pscp/sso/captcha/" + id; },
      show: function (state) {
        var legal = this.legal;
        ["method", "method_label", "other_methods", "ticket", "captcha_id", "helper_prompt"].forEach(function (key) {
          if (key in state) legal[key] = state[key];
        });
        if (state.helper_missing) this.helperMissing = state.helper_missing;
        this.form.captcha = "";
        if (state.helper_prompt) this.helperPrompt = true;
      },
      switchMethod: function (method) {
        var number = ++this.switches;
        var self = this;
        return load(withQuery("/pscp/sso/login", { type: "legal", method: method, next: this.next })).then(function (answer) {
          if (number === self.switches) self.show(answer.body);
        });
      },
      refreshCaptcha: function () { return this.switchMethod("password"); },
      openPersonalPassword: function () {
        this.personal.mode = "password";
        var self = this;
        return load(withQuery("/pscp/sso/login", { type: "legal", method: "password" })).then(function (answer) {
          self.personal.captcha_id = answer.body.captcha_id || "";
        });
      },
      logIn: function () {
        var self = this;
        this.busy = true;
        var body = {
          type: "legal", method: this.legal.method, ticket: this.legal.ticket, next: this.next, captcha_id: this.legal.captcha_id,
          login_name: this.form.login_name, password: this.form.password, captcha: this.form.captcha, pin: this.form.pin,
        };
        return send("/pscp/sso/login", body).then(function (answer) {
          self.busy = false;
          if (answer.body.ok) return window.location.assign(answer.body.redirect);
          self.show(answer.body);
          toast(answer.body.error);
        });
      },
      logInPersonal: function () {
        var form = this.personal.form;
        return send("/pscp/sso/login", { type: "personal", login_name: form.login_name, password: form.password, captcha: form.captcha }).then(function (answer) {
          if (answer.body.ok) return window.location.assign(answer.body.redirect);
          toast(answer.body.error);
        });
      },
      register: function () { go("register", { type: this.tab, next: route.query.next }); },
    },
    template:
      '<div class="gd-login-page">' +
      '<gd-header></gd-header>' +
      '<div class="gd-login-body"><div class="gd-login-banner"><div class="gd-login-slogan">一个账号 · 全省通办</div><div class="gd-login-slogan-sub">广东省统一身份认证平台为自然人和法人提供统一的注册、登录和实名核验服务</div></div>' +
      '<div class="gd-login-box">' +
      '<gd-tabs v-model="tab" :tabs="[[\'personal\', \'个人登录\'], [\'legal\', \'法人登录\']]">' +
      // 个人登录: the QR code first, then the password form behind its own 「账号密码」
      '<div class="gd-tabs-pane" v-show="tab === \'personal\'">' +
      '<div v-if="personal.mode === \'qr\'" class="gd-login-qr">' +
      '<div class="qr qrcode"><img class="gd-qr-img" :src="code(\'personal-login\', 168)"></div>' +
      '<div class="gd-login-tip">请您使用 <span class="gd-strong">【粤省事】</span> 扫码登录</div>' +
      "</div>" +
      '<div v-else class="gd-login-form">' +
      '<gd-input v-model="personal.form.login_name" placeholder="请输入账号"></gd-input>' +
      '<gd-input v-model="personal.form.password" type="password" placeholder="请输入密码"></gd-input>' +
      '<div class="gd-captcha"><gd-input v-model="personal.form.captcha" placeholder="请输入图中算式的计算结果"></gd-input><img v-if="personal.captcha_id" class="gd-captcha-img" :src="captchaUrl(personal.captcha_id)" :data-captcha-id="personal.captcha_id" @click="openPersonalPassword"></div>' +
      '<div class="gd-login-links"><a @click="register">立即注册</a><a :href="helpUrl(\'recover\')" target="_blank">找回密码/账号</a></div>' +
      '<button type="button" class="gd-btn gd-btn-primary gd-btn-block" @click="logInPersonal">登录</button>' +
      "</div>" +
      '<div class="gd-login-other"><span class="gd-login-other-title">其他登录方式</span><div class="gd-login-other-list">' +
      '<a v-if="personal.mode === \'qr\'" @click="openPersonalPassword">账号密码</a><a v-else @click="personal.mode = \'qr\'">扫码登录</a><a @click="personal.mode = \'qr\'">社保卡</a>' +
      "</div></div>" +
      "</div>" +
      // 法人登录: the WeChat scan of the 电子营业执照 first (guide A1.1)
      '<div class="gd-tabs-pane" v-show="tab === \'legal\'">' +
      '<div class="gd-login-note">法人包括企业、个体工商户、政府机关、社会团体等</div>' +
      '<div v-if="legal.method === \'scan\'" class="gd-login-qr">' +
      '<div class="qr qrcode"><img class="gd-qr-img" :src="code(legal.ticket, 168)"></div>' +
      '<div v-if="legal.ticket" class="gd-login-ticket">二维码编号：{{ legal.ticket }}</div>' +
      '<div class="gd-login-tip">请您使用 <span class="gd-strong">【微信】</span> 扫码登录 <a class="gd-info" :href="helpUrl(\'e-licence\')" target="_blank">ⓘ</a></div>' +
      '<gd-button type="primary" :loading="busy" @click="logIn">我已扫码</gd-button>' +
      "</div>" +
      '<div v-else-if="legal.method === \'password\'" class="gd-login-form">' +
      '<gd-input v-model="form.login_name" placeholder="请输入账号"></gd-input>' +
      '<gd-input v-model="form.password" type="password" placeholder="请输入密码"></gd-input>' +
      '<div class="gd-captcha"><gd-input v-model="form.captcha" placeholder="请输入图中算式的计算结果"></gd-input><img v-if="legal.captcha_id" class="gd-captcha-img" :src="captchaUrl(legal.captcha_id)" :data-captcha-id="legal.captcha_id" @click="refreshCaptcha"></div>' +
      '<div class="gd-login-links"><a @click="register">立即注册</a><a :href="helpUrl(\'recover\')" target="_blank">找回密码/账号</a></div>' +
      '<button type="button" class="gd-btn gd-btn-primary gd-btn-block" :disabled="busy" @click="logIn">登录</button>' +
      "</div>" +
      '<div v-else class="gd-login-cert">' +
      '<div v-if="legal.method === \'bank\'" class="gd-login-tip">请启动网银客户端，插入{{ legal.method_label }}，输入PIN码后点击登录</div>' +
      '<div v-else class="gd-login-tip">请插入{{ legal.method_label }}，输入PIN码后点击登录</div>' +
      '<div class="gd-login-tip">首次使用请先<a href="/portal/download/ca-helper.html" target="_blank">下载CA助手</a></div>' +
      '<div v-if="legal.ticket" class="gd-login-ticket">证书会话编号：{{ legal.ticket }}</div>' +
      '<div class="gd-inline-field"><span class="gd-inline-label">PIN码</span><gd-input v-model="form.pin" type="password"></gd-input></div>' +
      '<button type="button" class="gd-btn gd-btn-primary gd-btn-block" :disabled="busy" @click="logIn">登录</button>' +
      "</div>" +
      '<div class="gd-login-other"><span class="gd-login-other-title">其他登录方式</span><div class="gd-login-other-list">' +
      '<a v-for="choice in legal.other_methods" :key="choice[0]" @click="switchMethod(choice[0])">{{ choice[1] }}</a>' +
      "</div></div>" +
      "</div>" +
      "</gd-tabs>" +
      "</div></div>" +
      '<gd-dialog v-if="helperPrompt" title="安装提示" width="420px" @close="helperPrompt = false">' +
      '<div class="gd-dialog-text">{{ helperMissing }}</div><div class="gd-dialog-text"><a href="/portal/download/ca-helper.html" target="_blank">下载CA助手</a></div>' +
      '<template slot="footer"><gd-button type="primary" @click="helperPrompt = false">知道了</gd-button></template>' +
      "</gd-dialog>" +
      "</div>",
  };

  // ------------------------------------------------------------------ 注册

  var REGISTER_FIELDS = ["account", "password", "password_confirm", "unit_name", "uscc", "province", "city", "district",
    "address_detail", "legal_rep_name", "legal_rep_id", "applicant", "phone", "sms_code", "agreed"];

  var RegisterView = {
    data: function () {
      return {
        type: route.query.type === "personal" ? "personal" : "legal",
        step: 1,
        form: {
          account: "", password: "", password_confirm: "", unit_name: "", uscc: "", province: "广东省", city: "", district: "",
          address_detail: "", legal_rep_name: "", legal_rep_id: "", phone: "", sms_code: "", agreed: false,
        },
        errors: {},
        face: { ticket: "", applicant: "" },
        summary: {},
        busy: false, checks: 0, lastFullCheck: 0, poller: null, generation: 0, refreshing: false,
      };
    },
    computed: regionChoices,
    mounted: function () { this.watchFaceCode(); },
    beforeDestroy: function () { clearInterval(this.poller); },
    methods: {
      code: codePicture,
      helpUrl: helpUrl,
      payload: function () { return Object.assign({ next: route.query.next || "" }, this.form); },
      // Polling stands in for the real page's push from the WeChat mini program; an answer for a
      // code replaced meanwhile (「刷新小程序码」) is dropped.
      watchFaceCode: function () {
        var self = this;
        var poll = function () {
          if (self.step !== 1 || self.face.applicant || self.refreshing) return;
          var asked = self.generation;
          var shown = self.face.ticket ? "?" + new URLSearchParams({ ticket: self.face.ticket }) : "";
          load("/pscp/sso/register/face-code" + shown).then(function (answer) {
            if (answer.status === 200 && asked === self.generation && !self.refreshing && self.step === 1) self.face = answer.body;
          });
        };
        poll();
        this.poller = setInterval(poll, 400);
      },
      refreshCode: function () {
        var self = this;
        var mine = ++this.generation;
        this.refreshing = true;
        return send("/pscp/sso/register/face-code", {}).then(function (answer) {
          if (answer.status === 200 && mine === self.generation) self.face = answer.body;
          if (mine === self.generation) self.refreshing = false;
        });
      },
      sendSms: function () {
        return send("/pscp/sso/register/sms-code", { phone: this.form.phone }).then(function (answer) {
          toast(answer.body.message, answer.body.ok ? "success" : "error");
        });
      },
      provinceChosen: function () { this.form.city = ""; this.form.district = ""; this.changed("province"); },
      cityChosen: function () { this.form.district = ""; this.changed("city"); },
      // A field shows the rules' verdict on itself when left, unless 「下一步」 has checked since.
      changed: function (name) {
        var self = this;
        var mine = ++this.checks;
        return send("/pscp/sso/register/check", this.payload()).then(function (answer) {
          if (mine < self.lastFullCheck || answer.status !== 200) return;
          self.$set(self.errors, name, answer.body.errors[name] || "");
        });
      },
      showErrors: function (errors) {
        var shown = {};
        REGISTER_FIELDS.forEach(function (name) { shown[name] = errors[name] || ""; });
        this.errors = shown;
      },
      goNext: function () {
        var self = this;
        this.busy = true;
        this.lastFullCheck = ++this.checks;
        return send("/pscp/sso/register/check", this.payload()).then(function (check) {
          if (Object.keys(check.body.errors || {}).length) return self.showErrors(check.body.errors);
          return send("/pscp/sso/register", self.payload()).then(function (answer) {
            if (!answer.body.ok) return self.showErrors(answer.body.errors || {});
            self.showErrors({});
            self.summary = answer.body.draft;
            self.step = 2;
          });
        }).then(function () { self.busy = false; }, function () { self.busy = false; });
      },
      confirm: function () {
        var self = this;
        this.busy = true;
        return send("/pscp/sso/register/verify", {}).then(function (answer) {
          self.busy = false;
          if (answer.body.ok) {
            self.summary = answer.body.account;
            self.step = 3;
            return;
          }
          self.step = answer.body.step || self.step;
          toast(answer.body.error);
        });
      },
      logInNow: function () { go("", { type: "legal", next: route.query.next }); },
      elicenceLogin: function () { go("", { type: "legal", next: route.query.next }); },
    },
    template:
      '<div class="gd-register-page"><gd-header suffix="注册"></gd-header>' +
      '<div class="gd-register-layout"><div class="gd-register-box">' +
      '<gd-tabs v-if="step === 1" v-model="type" :tabs="[[\'personal\', \'个人注册\'], [\'legal\', \'法人注册\']]"></gd-tabs>' +
      '<gd-steps :steps="[\'输入基础信息\', \'实名核验\', \'注册完成\']" :active="step"></gd-steps>' +
      '<div v-if="step === 1 && type === \'personal\'" class="gd-register-note">个人账号只能办理个人事项。模拟门户只提供法人注册，请选择「法人注册」。</div>' +
      '<div v-if="step === 1 && type === \'legal\'" class="gd-form">' +
      '<div class="gd-form-section">账号信息</div>' +
      '<gd-form-item label="法人登录账号" required :error="errors.account"><gd-input v-model="form.account" placeholder="请输入6-20位字符，仅包含数字、字母、下划线中的两种或以上的组合" @blur="changed(\'account\')"></gd-input></gd-form-item>' +
      '<gd-form-item label="登录密码" required :error="errors.password"><gd-input v-model="form.password" type="password" placeholder="请输入8-20位字符，仅含数字、大写字母、小写字母、特殊字符中的三种及以上" @blur="changed(\'password\')"></gd-input></gd-form-item>' +
      '<gd-form-item label="确认密码" required :error="errors.password_confirm"><gd-input v-model="form.password_confirm" type="password" placeholder="请再次输入密码" @blur="changed(\'password_confirm\')"></gd-input></gd-form-item>' +
      '<div class="gd-form-section">法人信息</div>' +
      '<div class="gd-register-note">法人包括企业、个体工商户、政府机关、社会团体等</div>' +
      '<gd-form-item label="单位/企业名称" required :error="errors.unit_name"><gd-input v-model="form.unit_name" placeholder="请输入企业、个体工商户、政府机关、社会团体等的名称" @blur="changed(\'unit_name\')"></gd-input></gd-form-item>' +
      '<gd-form-item label="单位/企业证件号码" required :error="errors.uscc"><gd-input v-model="form.uscc" placeholder="请输入企业、个体工商户、政府机关、社会团体等的证件号码" @blur="changed(\'uscc\')"><span slot="prepend" class="gd-input-prepend">统一社会信用代码</span></gd-input></gd-form-item>' +
      ADDRESS_TEMPLATE +
      '<gd-form-item label="法定代表人姓名" required :error="errors.legal_rep_name"><gd-input v-model="form.legal_rep_name" placeholder="请输入法定代表人姓名" @blur="changed(\'legal_rep_name\')"></gd-input></gd-form-item>' +
      '<gd-form-item label="法定代表人证件" required :error="errors.legal_rep_id"><gd-input v-model="form.legal_rep_id" placeholder="请输入法定代表人证件号码" @blur="changed(\'legal_rep_id\')"><span slot="prepend" class="gd-input-prepend">身份证</span></gd-input></gd-form-item>' +
      '<div class="gd-form-section">申请人信息</div>' +
      '<div class="gd-register-note">申请人指该法人账号的当前操作人，后续可通过账号信息管理页面变更</div>' +
      '<div class="gd-applicant">' +
      '<div class="gd-applicant-tip">请账号申请人使用微信扫描以下小程序码，通过人脸识别添加实名信息</div>' +
      '<div v-if="face.ticket" class="gd-applicant-ticket">小程序码编号：{{ face.ticket }}</div>' +
      '<img class="gd-minicode" :src="code(face.ticket, 140)">' +
      '<gd-button size="small" @click="refreshCode">刷新小程序码</gd-button>' +
      '<div v-if="face.applicant" class="gd-applicant-done">已添加申请人实名信息：{{ face.applicant }}</div>' +
      '<div v-if="errors.applicant" class="gd-form-item-error">{{ errors.applicant }}</div>' +
      "</div>" +
      '<gd-form-item label="手机号码" required :error="errors.phone"><gd-input v-model="form.phone" @blur="changed(\'phone\')"></gd-input></gd-form-item>' +
      '<gd-form-item label="短信验证码" required :error="errors.sms_code"><div class="gd-sms"><gd-input v-model="form.sms_code"></gd-input><gd-button @click="sendSms">获取验证码</gd-button></div></gd-form-item>' +
      '<div class="gd-form-item gd-agreement"><gd-checkbox v-model="form.agreed" @change="changed(\'agreed\')">我已阅读并同意遵守《<a :href="helpUrl(\'user-agreement\')" target="_blank">用户服务协议</a>》和《<a :href="helpUrl(\'privacy\')" target="_blank">隐私政策</a>》</gd-checkbox>' +
      '<div v-if="errors.agreed" class="gd-form-item-error">{{ errors.agreed }}</div></div>' +
      '<div class="gd-form-actions"><button type="button" class="gd-btn gd-btn-primary" :disabled="busy" @click="goNext">下一步</button></div>' +
      "</div>" +
      '<div v-if="step === 2" class="gd-register-result">' +
      '<div class="gd-result-title">实名核验</div><div class="gd-register-note">已将以下单位信息与法人基础库比对。</div>' +
      '<div class="gd-facts"><div><span class="gd-fact-name">单位/企业名称</span><span>{{ summary.unit_name }}</span></div>' +
      '<div><span class="gd-fact-name">统一社会信用代码</span><span>{{ summary.uscc }}</span></div>' +
      '<div><span class="gd-fact-name">法定代表人</span><span>{{ summary.legal_rep }}</span></div>' +
      '<div><span class="gd-fact-name">申请人</span><span>{{ summary.applicant_name }}</span></div></div>' +
      '<div class="gd-result-ok">法人基础库核验结果：核验通过</div>' +
      '<button type="button" class="gd-btn gd-btn-primary" :disabled="busy" @click="confirm">下一步</button>' +
      "</div>" +
      '<div v-if="step === 3" class="gd-register-result">' +
      '<div class="gd-result-icon"></div><div class="gd-result-title">注册成功</div>' +
      '<div class="gd-facts"><div><span class="gd-fact-name">法人登录账号</span><span>{{ summary.login_name }}</span></div>' +
      '<div><span class="gd-fact-name">单位/企业名称</span><span>{{ summary.unit_name }}</span></div></div>' +
      '<div class="gd-register-note">您的账号当前可信等级为：<span class="gd-strong">{{ summary.level_name }}</span>。登录后可在「账号管理」的实名核验中提升等级。</div>' +
      '<button type="button" class="gd-btn gd-btn-primary" @click="logInNow">立即登录</button>' +
      "</div>" +
      "</div>" +
      '<div class="gd-register-side">' +
      '<a class="gd-elicence-login" @click="elicenceLogin"><span>无需注册，微信扫码</span> <span>使用电子营业执照直接登录</span></a>' +
      '<div class="gd-notes"><div class="gd-notes-title"><i class="gd-icon-info"></i>注意说明</div>' +
      '<ol class="gd-notes-list">' +
      "<li>注册个人账号只能办理个人事项，注册法人账号只能办理法人事项</li>" +
      "<li>注册账号时，需要通过手机接收短信验证，请正确填写您的手机号码</li>" +
      "<li>较多业务系统使用填写的注册信息，请如实填写</li>" +
      "<li>请牢记注册的登录账号和密码，切勿向他人泄露</li>" +
      "<li>若无法完成线上注册，也可选择前往就近的办事大厅现场核验注册账号</li>" +
      '<li>如有问题，请前往 <a :href="helpUrl(\'login-platform-intro\')" target="_blank">用户帮助</a> 咨询电话: 12345</li>' +
      "</ol></div></div>" +
      "</div></div>",
  };

  // ------------------------------------------------------------------ 账号管理

  var MENU = [
    ["manage/info", "账号基本信息"],
    ["manage/security", "账号安全设置", "(修改密码、手机号、邮箱等)"],
    ["manage/realname", "实名核验"],
    ["manage/legal-persons", "我经办的法人"],
    ["manage/handlers", "我的经办人"],
  ];
  var LEVELS = ["三级 (原L1) 核验", "四级 (原L2) 核验", "五级 (原L3) 核验"];

  var InfoView = {
    props: ["account"],
    template:
      '<div><div class="gd-content-title">账号基本信息</div><div class="gd-facts">' +
      '<div><span class="gd-fact-name">法人登录账号</span><span>{{ account.login_name || "（电子营业执照登录，未设置）" }}</span></div>' +
      '<div><span class="gd-fact-name">单位/企业名称</span><span>{{ account.unit_name }}</span></div>' +
      '<div><span class="gd-fact-name">统一社会信用代码</span><span>{{ account.uscc }}</span></div>' +
      '<div><span class="gd-fact-name">证件地址</span><span>{{ account.province }}{{ account.city }}{{ account.district }}{{ account.address_detail }}</span></div>' +
      '<div><span class="gd-fact-name">法定代表人</span><span>{{ account.legal_rep_name }}<template v-if="account.legal_rep_id">（{{ account.masked_legal_rep_id }}）</template></span></div>' +
      '<div><span class="gd-fact-name">申请人</span><span>{{ account.applicant_name }}</span></div>' +
      '<div><span class="gd-fact-name">手机号码</span><span>{{ account.masked_phone }}</span></div>' +
      '<div><span class="gd-fact-name">账户可信等级</span><span>{{ account.level_name }}</span></div>' +
      '<div><span class="gd-fact-name">注册时间</span><span>{{ account.created_at }}</span></div>' +
      "</div></div>",
  };

  var SecurityView = {
    props: ["account"],
    data: function () { return { form: { old_password: "", new_password: "", new_password_confirm: "" }, errors: {} }; },
    methods: {
      save: function () {
        var self = this;
        return send("/pscp/account/security", this.form).then(function (answer) {
          self.errors = answer.body.errors || {};
          if (answer.body.ok) toast(answer.body.message, "success");
        });
      },
    },
    template:
      '<div><div class="gd-content-title">账号安全设置</div><div class="gd-form">' +
      '<gd-form-item label="原密码" :error="errors.old_password"><gd-input v-model="form.old_password" type="password"></gd-input></gd-form-item>' +
      '<gd-form-item label="新密码" :error="errors.new_password"><gd-input v-model="form.new_password" type="password"></gd-input></gd-form-item>' +
      '<gd-form-item label="确认新密码" :error="errors.new_password_confirm"><gd-input v-model="form.new_password_confirm" type="password"></gd-input></gd-form-item>' +
      '<div class="gd-form-actions"><button type="button" class="gd-btn gd-btn-primary" @click="save">修改密码</button></div>' +
      '<div class="gd-register-note">手机号码、邮箱的修改请前往办事大厅办理。</div>' +
      "</div></div>",
  };

  var PeopleView = {
    props: ["account", "which"],
    template:
      '<div><div class="gd-content-title">{{ which === "handlers" ? "我的经办人" : "我经办的法人" }}</div>' +
      '<div class="gd-table"><div class="gd-table-row gd-table-head"><span>{{ which === "handlers" ? "经办人" : "单位/企业名称" }}</span><span>{{ which === "handlers" ? "角色" : "统一社会信用代码" }}</span></div>' +
      '<div class="gd-table-row"><span>{{ which === "handlers" ? account.applicant_name : account.unit_name }}</span><span>{{ which === "handlers" ? "申请人" : account.uscc }}</span></div></div></div>',
  };

  var DIALOG_TITLES = { bank_cert: "网银证书核验", elicence: "电子营业执照核验", ca_cert: "CA证书核验" };

  var RealnameView = {
    props: ["account"],
    data: function () { return { dialog: null, ticket: "", pin: "", error: "", helperPrompt: false, helperMissing: "未检测到数字证书客户端（CA助手），请先下载安装CA助手", busy: false }; },
    computed: {
      done: function () { return this.account.done || []; },
      dialogTitle: function () { return DIALOG_TITLES[this.dialog] || ""; },
    },
    methods: {
      code: codePicture,
      helpUrl: helpUrl,
      isDone: function (key) { return this.done.indexOf(key) >= 0; },
      open: function (key) {
        var self = this;
        return load(withQuery("/pscp/account/verify", { dialog: key })).then(function (answer) {
          self.dialog = key;
          self.ticket = answer.body.ticket;
          self.pin = "";
          self.error = "";
          self.helperPrompt = !!answer.body.helper_prompt;
        });
      },
      close: function () { this.dialog = null; },
      finish: function (answer) {
        if (answer.body.ok) {
          this.dialog = null;
          toast(answer.body.message, "success");
          this.$emit("changed");
          return;
        }
        if (answer.body.helper_prompt) this.helperPrompt = true;
        if (answer.body.ticket) this.ticket = answer.body.ticket;
        this.error = answer.body.error || "";
      },
      verifyCertificate: function () {
        this.busy = true;
        var self = this;
        return send("/pscp/account/verify/certificate", { kind: this.dialog, ticket: this.ticket, pin: this.pin }).then(function (answer) {
          self.busy = false;
          self.finish(answer);
        });
      },
      verifyElicence: function () {
        this.busy = true;
        var self = this;
        return send("/pscp/account/verify/elicence", { ticket: this.ticket }).then(function (answer) {
          self.busy = false;
          self.finish(answer);
        });
      },
      edit: function () { go("manage/realname/edit", { key: "realname" }); },
    },
    template:
      '<div><div class="gd-content-title">实名核验</div>' +
      '<div class="gd-realname-summary">' +
      '<div>您的账号当前可信等级为：<span class="gd-strong">{{ account.level_name }}</span>。</div>' +
      '<div v-if="account.current_method">当前账号核验方式为：<span class="gd-strong">{{ account.current_method }}</span>。</div>' +
      '<div v-if="account.trust_level < 4">您可通过任意一种 <span class="gd-strong">四级 (原L2)</span> 或 <span class="gd-strong">五级 (原L3)</span> 的核验方式进行升级。</div>' +
      '<div v-else-if="account.trust_level < 5">您可通过任意一种 <span class="gd-strong">五级 (原L3)</span> 的核验方式进行升级。</div>' +
      "</div>" +
      '<div class="gd-level"><div class="gd-level-title">三级 (原L1) 核验</div><div class="gd-level-desc">可进行对身份信息要求较低的业务办理</div>' +
      '<div class="gd-method"><div class="gd-method-title">证件真实性核验</div><span class="gd-method-status" :class="{ \'gd-status-done\': isDone(\'registry\') }">{{ isDone("registry") ? "已核验" : "未核验" }}</span>' +
      '<button type="button" class="gd-btn gd-btn-plain" @click="edit">修改信息</button></div>' +
      "</div>" +
      '<div class="gd-level"><div class="gd-level-title">四级 (原L2) 核验</div><div class="gd-level-desc">可进行大部分需实名办理的业务 (完成一种核验即可)</div>' +
      '<div class="gd-method"><div class="gd-method-title">企业/单位网银证书核验</div><span class="gd-method-status" :class="{ \'gd-status-done\': isDone(\'bank_cert\') }">{{ isDone("bank_cert") ? "已核验" : "未核验" }}</span>' +
      '<a class="gd-method-help" :href="helpUrl(\'bank-cert\')" target="_blank">用户帮助 &gt;</a>' +
      '<button type="button" class="gd-btn gd-btn-plain" @click="open(\'bank_cert\')">{{ isDone("bank_cert") ? "修改信息" : "核验升级" }}</button></div>' +
      '<div class="gd-method"><div class="gd-method-title">电子营业执照核验</div><span class="gd-method-status" :class="{ \'gd-status-done\': isDone(\'elicence\') }">{{ isDone("elicence") ? "已核验" : "未核验" }}</span>' +
      '<a class="gd-method-help" :href="helpUrl(\'e-licence\')" target="_blank">用户帮助 &gt;</a>' +
      '<button type="button" class="gd-btn gd-btn-plain" @click="open(\'elicence\')">{{ isDone("elicence") ? "修改信息" : "核验升级" }}</button></div>' +
      "</div>" +
      '<div class="gd-level"><div class="gd-level-title">五级 (原L3) 核验</div><div class="gd-level-desc">可办理安全性要求更高的实名业务 (完成一种核验即可)</div>' +
      '<div class="gd-method"><div class="gd-method-title">企业/单位CA证书核验</div><span class="gd-method-status" :class="{ \'gd-status-done\': isDone(\'ca_cert\') }">{{ isDone("ca_cert") ? "已核验" : "未核验" }}</span>' +
      '<a class="gd-method-help" :href="helpUrl(\'ca-cert\')" target="_blank">用户帮助 &gt;</a>' +
      '<button type="button" class="gd-btn gd-btn-plain" @click="open(\'ca_cert\')">{{ isDone("ca_cert") ? "修改信息" : "核验升级" }}</button></div>' +
      '<div class="gd-method"><div class="gd-method-title">办事大厅现场核验</div><span class="gd-method-status" :class="{ \'gd-status-done\': isDone(\'hall\') }">{{ isDone("hall") ? "已核验" : "未核验" }}</span>' +
      '<a class="gd-method-help" :href="helpUrl(\'service-halls\')" target="_blank">查看办事大厅地址 &gt;</a>' +
      '<a class="gd-method-help" :href="helpUrl(\'hall-conditions\')" target="_blank">查看办理条件</a></div>' +
      "</div>" +
      '<div class="gd-register-note">通过网银证书或电子营业执照核验的账号，可信等级为四级 (L2)。</div>' +
      // The method's dialog, in place
      '<gd-dialog v-if="dialog === \'elicence\'" :title="dialogTitle" @close="close">' +
      '<div class="gd-dialog-text">法人用户可使用电子营业执照进行核验，核验成功后账户等级可提升到四级（原L2）。</div>' +
      '<div class="gd-dialog-text">1 使用微信扫描下方二维码；</div>' +
      '<div class="gd-dialog-text">2 需提前在微信电子营业执照小程序中下载相关法人的电子营业执照（注意：电子营业执照的授权事项为“电子政务-市场监管-政务服务网”）；</div>' +
      '<div class="gd-dialog-text">3 在小程序中选择具体电子营业执照后，点击“确认登录”，认证成功后，即可完成该次核验。</div>' +
      '<div class="qr qrcode"><img class="gd-qr-img" :src="code(ticket, 150)"></div>' +
      '<div class="gd-login-ticket">二维码编号：{{ ticket }}</div>' +
      '<div v-if="error" class="gd-dialog-error">{{ error }}</div>' +
      '<template slot="footer"><gd-button type="primary" :loading="busy" @click="verifyElicence">我已扫码</gd-button></template>' +
      "</gd-dialog>" +
      '<gd-dialog v-if="dialog === \'bank_cert\' || dialog === \'ca_cert\'" :title="dialogTitle" @close="close">' +
      '<div class="gd-dialog-text">可使用数字证书进行核验，核验成功后支持使用数字证书登录，账户等级可提升到{{ dialog === "bank_cert" ? "四级（原L2）" : "五级（原L3）" }}。</div>' +
      '<div class="gd-dialog-text">1 点击链接<a href="/portal/download/ca-helper.html" target="_blank">下载CA助手</a>并安装；</div>' +
      '<div class="gd-dialog-text">2 {{ dialog === "bank_cert" ? "启动网银客户端，插入网银证书；" : "插入CA证书；" }}</div>' +
      '<div class="gd-dialog-text">3 输入{{ dialog === "bank_cert" ? "网银证书" : "CA证书" }}对应的PIN码，点击“数字证书核验”。</div>' +
      '<div class="gd-login-ticket">证书会话编号：{{ ticket }}</div>' +
      '<div class="gd-inline-field"><span class="gd-inline-label">PIN码</span><gd-input v-model="pin" type="password"></gd-input></div>' +
      '<div v-if="error" class="gd-dialog-error">{{ error }}</div>' +
      '<template slot="footer"><gd-button type="primary" :loading="busy" @click="verifyCertificate">数字证书核验</gd-button></template>' +
      "</gd-dialog>" +
      '<gd-dialog v-if="helperPrompt" title="安装提示" width="420px" @close="helperPrompt = false">' +
      '<div class="gd-dialog-text">{{ helperMissing }}</div><div class="gd-dialog-text"><a href="/portal/download/ca-helper.html" target="_blank">下载CA助手</a></div>' +
      '<template slot="footer"><gd-button type="primary" @click="helperPrompt = false">知道了</gd-button></template>' +
      "</gd-dialog>" +
      "</div>",
  };

  var EditView = {
    props: ["account"],
    data: function () {
      var account = this.account;
      return {
        form: {
          province: account.province, city: account.city, district: account.district, address_detail: account.address_detail,
          legal_rep_name: account.legal_rep_name, legal_rep_id: account.legal_rep_id,
        },
        errors: {},
        busy: false,
      };
    },
    computed: regionChoices,
    methods: {
      provinceChosen: function () { this.form.city = ""; this.form.district = ""; },
      cityChosen: function () { this.form.district = ""; },
      changed: function () {},
      save: function () {
        var self = this;
        this.busy = true;
        return send("/pscp/account/info/edit", this.form).then(function (answer) {
          self.busy = false;
          if (!answer.body.ok) {
            self.errors = answer.body.errors || {};
            return;
          }
          self.$emit("changed");
          go("manage/realname", { key: "realname" });
          toast("信息已修改，证件真实性核验通过", "success");
        });
      },
      cancel: function () { go("manage/realname", { key: "realname" }); },
    },
    template:
      '<div><div class="gd-content-title">修改信息</div><div class="gd-register-note">证件真实性核验：修改后的信息将重新与法人基础库比对。</div>' +
      '<div class="gd-form">' +
      '<gd-form-item label="单位/企业名称"><span class="gd-plain-value">{{ account.unit_name }}</span></gd-form-item>' +
      ADDRESS_TEMPLATE +
      '<gd-form-item label="法定代表人姓名" required :error="errors.legal_rep_name"><gd-input v-model="form.legal_rep_name" placeholder="请输入法定代表人姓名"></gd-input></gd-form-item>' +
      '<gd-form-item label="法定代表人证件" required :error="errors.legal_rep_id"><gd-input v-model="form.legal_rep_id" placeholder="请输入法定代表人证件号码"><span slot="prepend" class="gd-input-prepend">身份证</span></gd-input></gd-form-item>' +
      '<div class="gd-form-actions"><button type="button" class="gd-btn gd-btn-primary" :disabled="busy" @click="save">保存</button><button type="button" class="gd-btn" @click="cancel">取消</button></div>' +
      "</div></div>",
  };

  var ManageView = {
    data: function () { return { account: null, menu: MENU, levels: LEVELS }; },
    computed: {
      section: function () { return route.path === "manage" ? "manage/info" : route.path; },
    },
    created: function () { this.refresh(); },
    methods: {
      helpUrl: helpUrl,
      // Without a session the app asks for a legal-person login in place and comes back after.
      refresh: function () {
        var self = this;
        return load("/pscp/account/summary").then(function (answer) {
          if (answer.status === 401) {
            var back = location.pathname + location.search;
            return go("", { type: "legal", method: "password", next: back }, true);
          }
          self.account = answer.body;
        });
      },
      open: function (path) { go(path, path === "manage/realname" ? { key: "realname" } : {}); },
    },
    template:
      '<div class="gd-manage-page">' +
      '<gd-header suffix="账号管理"><a class="gd-header-link" :href="helpUrl(\'login-platform-intro\')" target="_blank">用户帮助</a><span class="gd-header-sep">|</span><a class="gd-header-link" href="/pscp/sso/logout">退出登录</a></gd-header>' +
      '<div v-if="account" class="gd-manage-layout">' +
      '<div class="gd-menu">' +
      '<div class="gd-menu-user"><span class="gd-menu-user-name">{{ account.display_name }}</span><span class="gd-menu-user-level">账户可信等级：{{ account.level_name }}</span></div>' +
      '<template v-for="item in menu">' +
      '<div class="gd-menu-item" :key="item[0]" :class="{ \'gd-menu-item-active\': section.indexOf(item[0]) === 0 }" @click="open(item[0])"><span>{{ item[1] }}</span><span v-if="item[2]" class="gd-menu-item-note">{{ item[2] }}</span></div>' +
      '<template v-if="item[0] === \'manage/realname\'"><div v-for="level in levels" :key="level" class="gd-menu-sub-item" @click="open(\'manage/realname\')"><span>{{ level }}</span></div></template>' +
      "</template>" +
      "</div>" +
      '<div class="gd-manage-content">' +
      '<info-view v-if="section === \'manage/info\'" :account="account"></info-view>' +
      '<security-view v-else-if="section === \'manage/security\'" :account="account"></security-view>' +
      '<realname-view v-else-if="section === \'manage/realname\'" :account="account" @changed="refresh"></realname-view>' +
      '<edit-view v-else-if="section === \'manage/realname/edit\'" :key="account.legal_rep_id + account.legal_rep_name" :account="account" @changed="refresh"></edit-view>' +
      '<people-view v-else-if="section === \'manage/legal-persons\'" :account="account" which="legal-persons"></people-view>' +
      '<people-view v-else :account="account" which="handlers"></people-view>' +
      "</div></div></div>",
    components: { "info-view": InfoView, "security-view": SecurityView, "realname-view": RealnameView, "edit-view": EditView, "people-view": PeopleView },
  };

  // ------------------------------------------------------------------ the app

  new Vue({
    el: "#app",
    data: { route: route },
    computed: {
      view: function () {
        if (this.route.path === "register") return "register-view";
        if (this.route.path.indexOf("manage") === 0) return "manage-view";
        return "login-view";
      },
      // A route switched to another view starts that view afresh.
      viewKey: function () { return this.view; },
    },
    components: { "login-view": LoginView, "register-view": RegisterView, "manage-view": ManageView },
    template: '<div id="app" class="gd-app"><component :is="view" :key="viewKey"></component><div class="gd-footer"><span>主办：广东省人民政府办公厅　承办：广东省政务服务和数据管理局</span><span>咨询电话：12345</span></div></div>',
  });
})();
