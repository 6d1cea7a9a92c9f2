/* 广东人社统一认证 /isso/login.html — the lookalike rendition's bundled login app.
 *
 * What is known of the real page (shared/evidence): a bundled single-page app under /isso/ with
 * webpack-hashed assets (hrss__unattributed_vitepress_navdata.ts) and a session token cookie
 * (hrss__unattributed_cookies_isso_token.txt). Written here with Vue 2 and templates compiled in
 * the browser: Vue is a guess from the Vue CLI asset names. No public markup of its tabs or
 * login methods is known: the class names, the layout, which tab opens first (个人登录) and the
 * QR code that 个人登录 opens on are guesses — chosen so that nothing may assume a first view.
 * No ARIA roles, labels as plain text or placeholders only, messages as toasts without a role,
 * dialogs drawn in place.
 *
 * Views by hash route: #/login/<unit|person>/<method> (a tab and its login method),
 * #/person/units (the dialog of the units bound to the personal account; also drawn at the
 * server's /isso/login/person/units).
 */
(function () {
  "use strict";

  var UNIT_METHODS = [
    { key: "password", name: "账号密码" },
    { key: "gdidp", name: "省统一身份认证", href: "/isso/sso/gdidp" }
  ];
  var PERSON_METHODS = [
    { key: "qrcode", name: "扫码登录" },
    { key: "password", name: "账号密码" }
  ];
  var METHODS = { unit: UNIT_METHODS, person: PERSON_METHODS };
  var TYPES = [{ key: "unit", name: "单位登录" }, { key: "person", name: "个人登录" }];

  var mount = document.getElementById("app");

  function token() { return document.querySelector('meta[name="csrf-token"]').content; }

  // Posts JSON with the session's CSRF token; a login answers with a new token, kept from then on.
  function request(method, url, data) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": token() }
    };
    if (data !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(data);
    }
    return fetch(url, options).then(function (response) {
      var fresh = response.headers.get("X-CSRF-Token");
      if (fresh) { document.querySelector('meta[name="csrf-token"]').content = fresh; }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        answer.status = response.status;
        if (!answer.message) { answer.message = answer.error || "系统繁忙，请稍后再试"; }
        return answer;
      });
    }, function () { return { ok: false, status: 0, message: "网络异常，请稍后再试" }; });
  }

  function parseRoute(hash) {
    var parts = (hash || "").replace(/^#\/?/, "").split("?")[0].split("/");
    if (parts[0] === "person" && parts[1] === "units") { return { view: "units" }; }
    if (parts[0] === "login" && METHODS[parts[1]]) {
      var methods = METHODS[parts[1]];
      var method = methods.some(function (m) { return m.key === parts[2]; }) ? parts[2] : methods[0].key;
      return { view: "login", type: parts[1], method: method };
    }
    // The server's own address of the unit choice (where it sends a handler without a unit).
    if (/\/login\/person\/units$/.test(window.location.pathname)) { return { view: "units" }; }
    var asked = new URLSearchParams(window.location.search).get("type");
    var type = METHODS[asked] ? asked : "person";
    return { view: "login", type: type, method: METHODS[type][0].key };
  }

  new Vue({
    el: mount,
    data: function () {
      return {
        route: parseRoute(window.location.hash),
        types: TYPES,
        methods: METHODS,
        unitForm: { username: "", password: "" },
        personForm: { login_name: "", password: "" },
        busy: false,
        person: null,
        units: [],
        chosenUnit: null,
        unitsLoaded: false,
        toasts: [],
        logo: mount.getAttribute("data-logo"),
        qrcode: mount.getAttribute("data-qrcode")
      };
    },
    created: function () {
      var vm = this;
      window.addEventListener("hashchange", function () { vm.route = parseRoute(window.location.hash); vm.enterRoute(); });
      this.enterRoute();
    },
    methods: {
      go: function (hash) { window.location.hash = hash; },
      chooseType: function (type) { this.go("#/login/" + type + "/" + METHODS[type][0].key); },
      chooseMethod: function (method) {
        if (method.href) { window.location.href = method.href; return; }
        this.go("#/login/" + this.route.type + "/" + method.key);
      },
      toast: function (text) {
        var vm = this;
        var item = { id: Date.now() + Math.random(), text: text };
        vm.toasts.push(item);
        setTimeout(function () { vm.toasts.splice(vm.toasts.indexOf(item), 1); }, 3000);
      },
      enterRoute: function () {
        if (this.route.view === "units") { this.loadUnits(); }
      },
      loginUnit: function () {
        var vm = this;
        if (vm.busy) { return; }
        vm.busy = true;
        request("POST", "/isso/login/unit", vm.unitForm).then(function (answer) {
          vm.busy = false;
          if (answer.ok && answer.redirect) { window.location.href = answer.redirect; return; }
          vm.toast(answer.message);
        });
      },
      loginPerson: function () {
        var vm = this;
        if (vm.busy) { return; }
        vm.busy = true;
        request("POST", "/isso/login/person", vm.personForm).then(function (answer) {
          vm.busy = false;
          if (answer.ok) { vm.personForm.password = ""; vm.go("#/person/units"); return; }
          vm.toast(answer.message);
        });
      },
      loadUnits: function () {
        var vm = this;
        vm.unitsLoaded = false;
        vm.chosenUnit = null;
        request("GET", "/isso/login/person/units").then(function (answer) {
          if (!answer.ok) {
            vm.toast(answer.message);
            vm.go("#/login/person/password");
            return;
          }
          vm.person = answer.person;
          vm.units = answer.units;
          vm.unitsLoaded = true;
        });
      },
      enterForUnit: function () {
        var vm = this;
        request("POST", "/isso/login/person/units", { unit_id: vm.chosenUnit === null ? "" : String(vm.chosenUnit) }).then(function (answer) {
          if (answer.ok && answer.redirect) { window.location.href = answer.redirect; return; }
          vm.toast(answer.message);
        });
      },
      logOut: function () {
        var form = document.createElement("form");
        form.method = "post";
        form.action = "/isso/logout";
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = "csrf_token";
        field.value = token();
        form.appendChild(field);
        document.body.appendChild(form);
        form.submit();
      }
    },
    template:
      '<div class="isso-page">' +
      '  <div class="isso-top"><div class="isso-top-inner"><img class="isso-logo" :src="logo">' +
      '    <span class="isso-site">广东省人力资源和社会保障厅网上服务平台</span><span class="isso-split"></span><span class="isso-sub">广东人社统一认证</span></div></div>' +
      '  <div class="isso-banner"><div class="isso-card">' +
      '    <div class="login-type">' +
      '      <div v-for="t in types" :key="t.key" class="login-type-item" :class="{ current: route.view === \'login\' && route.type === t.key }" @click="chooseType(t.key)">{{ t.name }}</div>' +
      '    </div>' +
      '    <template v-if="route.view === \'login\'">' +
      '      <div class="login-way"><span v-for="m in methods[route.type]" :key="m.key" class="login-way-item" :class="{ active: m.key === route.method }" @click="chooseMethod(m)">{{ m.name }}</span></div>' +
      '      <div v-if="route.method === \'qrcode\'" class="qr-pane"><img class="qr-img" :src="qrcode"><p class="qr-tip">请使用「粤省事」或「广东人社」APP扫描二维码登录</p></div>' +
      '      <div v-else-if="route.type === \'unit\' && route.method === \'password\'" class="login-form" @keyup.enter="loginUnit">' +
      '        <div class="input-row"><i class="icon-user"></i><input type="text" v-model="unitForm.username" placeholder="请输入用户名" autocomplete="off"></div>' +
      '        <div class="input-row"><i class="icon-lock"></i><input type="password" v-model="unitForm.password" placeholder="请输入密码" autocomplete="off"></div>' +
      '        <div class="btn-login" :class="{ busy: busy }" @click="loginUnit">登录</div>' +
      '      </div>' +
      '      <div v-else-if="route.type === \'person\' && route.method === \'password\'" class="login-form" @keyup.enter="loginPerson">' +
      '        <div class="input-row"><i class="icon-user"></i><input type="text" v-model="personForm.login_name" placeholder="请输入登录账号" autocomplete="off"></div>' +
      '        <div class="input-row"><i class="icon-lock"></i><input type="password" v-model="personForm.password" placeholder="请输入密码" autocomplete="off"></div>' +
      '        <div class="btn-login" :class="{ busy: busy }" @click="loginPerson">登录</div>' +
      '        <div class="form-links"><a href="/isso/findLoginId.html?showIndex=1">忘记账号</a><a href="/isso/static/person.html#004">个人账号实名指引</a></div>' +
      '      </div>' +
      '    </template>' +
      '    <div class="register-links"><a href="/isso/twoWaysToRegister.html?showIndex=1">个人注册</a><a href="/isso/register/unit">单位注册</a></div>' +
      '  </div></div>' +
      '  <div v-if="route.view === \'units\' && unitsLoaded" class="isso-mask">' +
      '    <div class="isso-dialog">' +
      '      <div class="isso-dialog-title">选择绑定的单位</div>' +
      '      <div class="isso-dialog-body">' +
      '        <p>您好，{{ person.name }}。请选择要办理业务的单位。</p>' +
      '        <table v-if="units.length" class="unit-table">' +
      '          <thead><tr><th></th><th>单位名称</th><th>证件号码</th><th>单位管理码</th><th>授权码实名</th></tr></thead>' +
      '          <tbody><tr v-for="u in units" :key="u.id" :class="{ selected: chosenUnit === u.id }" @click="chosenUnit = u.id">' +
      '            <td><input type="radio" name="unit" :value="u.id" v-model="chosenUnit"></td><td>{{ u.unit_name }}</td><td>{{ u.cert_no }}</td><td>{{ u.manager_code }}</td><td>{{ u.authcode_realname ? "已完成" : "未完成" }}</td>' +
      '          </tr></tbody>' +
      '        </table>' +
      '        <p v-else class="note">您的个人账号尚未与任何单位绑定。请单位账号在「账户管理 → 子账号信息」中向您发起绑定申请，再到本账号的「账户管理 → 父账号信息」中确认。</p>' +
      '        <div class="dialog-links"><a href="/isso/person/account">账户管理</a><a href="javascript:;" @click="logOut">退出登录</a></div>' +
      '      </div>' +
      '      <div v-if="units.length" class="isso-dialog-footer"><button type="button" class="isso-btn" @click="enterForUnit">为选中的单位办理业务，点击此处登录</button></div>' +
      '    </div>' +
      '  </div>' +
      '  <div class="isso-toasts"><div v-for="t in toasts" :key="t.id" class="isso-toast">{{ t.text }}</div></div>' +
      '  <div class="isso-footer">主办单位：广东省人力资源和社会保障厅　技术支持：广东省人力资源和社会保障信息中心　咨询电话：12333</div>' +
      '</div>'
  });
})();
