"""One small scene drawn by each UI library's own components, for the locator helper tests.

Every page shows the same things under the same names: a tab bar 个人登录 / 法人登录 with the
second selected, a menu whose current item is 单位信息, a steps bar whose current step is
实名核验, a form (a labelled field 账号, a placeholder-only field 请输入密码, a captcha input
beside an image without alt, a city dropdown, a radio group 身份证 / 护照, a checkbox
我已阅读并同意, a button 登录), a QR code with a caption, a link 用户帮助 that opens a new tab
and a button 查看说明 that opens the dialog 网银证书核验. Clicking 登录 with 账号 empty shows
the field's error 请输入6-20位账号; with 账号 filled, the toast 信息已提交.

The libraries draw it from their real builds in node_modules (served under /nm/); the markup
below is what their documentation writes, the rendering is theirs. The in-house page is drawn
by its own script the way the evidence describes the real GD-IdP page
(the gdidp__* evidence files, issue 17): `gd-` classes, placeholders only, no roles, no bound
labels, both panes in the DOM, a toast without a role.
"""

from __future__ import annotations

# An arithmetic captcha and a QR code, as images without alt (inline: no network).
CAPTCHA = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='90' height='32'><text x='8' y='22'>3+4=?</text></svg>"
QR = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='96' height='96'><rect width='96' height='96' fill='black'/></svg>"

CITIES = ["广州市", "佛山市", "深圳市"]
ERROR = "请输入6-20位账号"
TOAST = "信息已提交"

HELP_PAGE = "<!doctype html><html lang='zh-CN'><body><h1>帮助中心</h1></body></html>"


def _page(head: str, body: str, script: str) -> str:
    return (
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>{head}"
        "<style>.qr img{width:96px;height:96px}.captcha{width:90px;height:32px}</style></head>"
        f"<body>{body}<script>{script}</script></body></html>"
    )


def _css(*paths: str) -> str:
    return "".join(f"<link rel='stylesheet' href='/nm/{path}'>" for path in paths)


def _js(*paths: str) -> str:
    return "".join(f"<script src='/nm/{path}'></script>" for path in paths)


# ---------------------------------------------------------------- Vue 2 + Element UI

ELEMENT = _page(
    _css("element-ui/lib/theme-chalk/index.css") + _js("vue/dist/vue.min.js", "element-ui/lib/index.js"),
    f"""<div id="app">
  <el-menu default-active="2" mode="horizontal"><el-menu-item index="1">首页</el-menu-item><el-menu-item index="2">单位信息</el-menu-item><el-menu-item index="3">账户管理</el-menu-item></el-menu>
  <el-steps :active="1"><el-step title="输入基础信息"></el-step><el-step title="实名核验"></el-step><el-step title="注册完成"></el-step></el-steps>
  <div class="qr"><img src="{QR}"><p>扫码登录</p></div>
  <el-tabs v-model="tab">
    <el-tab-pane label="个人登录" name="person"><el-input placeholder="请输入密码"></el-input></el-tab-pane>
    <el-tab-pane label="法人登录" name="unit">
      <el-form ref="form" :model="form" :rules="rules" label-width="100px">
        <el-form-item label="账号" prop="account"><el-input v-model="form.account"></el-input></el-form-item>
        <el-form-item><el-input v-model="form.password" placeholder="请输入密码" show-password></el-input></el-form-item>
        <el-form-item><el-input v-model="form.captcha" placeholder="请输入图中算式的计算结果" style="width:220px"></el-input><img class="captcha" src="{CAPTCHA}"></el-form-item>
        <el-form-item label="城市"><el-select v-model="form.city" placeholder="请选择"><el-option v-for="c in cities" :key="c" :label="c" :value="c"></el-option></el-select></el-form-item>
        <el-form-item label="证件类型"><el-radio-group v-model="form.kind"><el-radio label="身份证"></el-radio><el-radio label="护照"></el-radio></el-radio-group></el-form-item>
        <el-form-item><el-checkbox v-model="form.agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</el-checkbox></el-form-item>
        <el-form-item><el-button type="primary" @click="login">登录</el-button><el-button @click="help = true">查看说明</el-button> <a href="/help.html" target="_blank">用户帮助</a></el-form-item>
      </el-form>
    </el-tab-pane>
  </el-tabs>
  <el-dialog title="网银证书核验" :visible.sync="help"><p>请插入网银证书</p></el-dialog>
</div>""",
    f"""new Vue({{
  el: "#app",
  data: {{ tab: "unit", help: false, cities: {CITIES}, form: {{ account: "", password: "", captcha: "", city: "", kind: "", agreed: false }},
          rules: {{ account: [{{ required: true, message: "{ERROR}", trigger: "blur" }}] }} }},
  methods: {{ login() {{ this.$refs.form.validate((ok) => {{ if (ok) this.$message("{TOAST}"); }}); }} }},
  mounted() {{ window.sceneReady = true; }},
}});""",
)

# ---------------------------------------------------------------- Vue 3 + Element Plus

ELEMENT_PLUS = _page(
    _css("element-plus/dist/index.css") + _js("vue3/dist/vue.global.prod.js", "element-plus/dist/index.full.min.js"),
    f"""<div id="app">
  <el-menu default-active="2" mode="horizontal" :ellipsis="false"><el-menu-item index="1">首页</el-menu-item><el-menu-item index="2">单位信息</el-menu-item><el-menu-item index="3">账户管理</el-menu-item></el-menu>
  <el-steps :active="1"><el-step title="输入基础信息"></el-step><el-step title="实名核验"></el-step><el-step title="注册完成"></el-step></el-steps>
  <div class="qr"><img src="{QR}"><p>扫码登录</p></div>
  <el-tabs v-model="tab">
    <el-tab-pane label="个人登录" name="person"><el-input placeholder="请输入密码"></el-input></el-tab-pane>
    <el-tab-pane label="法人登录" name="unit">
      <el-form ref="form" :model="form" :rules="rules" label-width="100px">
        <el-form-item label="账号" prop="account"><el-input v-model="form.account"></el-input></el-form-item>
        <el-form-item><el-input v-model="form.password" placeholder="请输入密码" show-password></el-input></el-form-item>
        <el-form-item><el-input v-model="form.captcha" placeholder="请输入图中算式的计算结果" style="width:220px"></el-input><img class="captcha" src="{CAPTCHA}"></el-form-item>
        <el-form-item label="城市"><el-select v-model="form.city" placeholder="请选择" style="width:220px"><el-option v-for="c in cities" :key="c" :label="c" :value="c"></el-option></el-select></el-form-item>
        <el-form-item label="证件类型"><el-radio-group v-model="form.kind"><el-radio value="身份证">身份证</el-radio><el-radio value="护照">护照</el-radio></el-radio-group></el-form-item>
        <el-form-item><el-checkbox v-model="form.agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</el-checkbox></el-form-item>
        <el-form-item><el-button type="primary" @click="login">登录</el-button><el-button @click="help = true">查看说明</el-button> <a href="/help.html" target="_blank">用户帮助</a></el-form-item>
      </el-form>
    </el-tab-pane>
  </el-tabs>
  <el-dialog title="网银证书核验" v-model="help"><p>请插入网银证书</p></el-dialog>
</div>""",
    f"""const app = Vue.createApp({{
  data() {{ return {{ tab: "unit", help: false, cities: {CITIES}, form: {{ account: "", password: "", captcha: "", city: "", kind: "", agreed: false }},
          rules: {{ account: [{{ required: true, message: "{ERROR}", trigger: "blur" }}] }} }}; }},
  methods: {{ login() {{ this.$refs.form.validate((ok) => {{ if (ok) ElementPlus.ElMessage("{TOAST}"); }}); }} }},
  mounted() {{ window.sceneReady = true; }},
}});
app.use(ElementPlus).mount("#app");""",
)

# ---------------------------------------------------------------- Vue 3 + Ant Design Vue 4

DAYJS_PLUGINS = [
    "advancedFormat",
    "customParseFormat",
    "localeData",
    "quarterOfYear",
    "weekOfYear",
    "weekYear",
    "weekday",
]

ANT = _page(
    _css("ant-design-vue/dist/reset.css")
    + _js(
        "vue3/dist/vue.global.prod.js",
        "dayjs/dayjs.min.js",
        *(f"dayjs/plugin/{name}.js" for name in DAYJS_PLUGINS),
        "ant-design-vue/dist/antd.min.js",
    ),
    f"""<div id="app">
  <a-menu mode="horizontal" :selected-keys="['2']"><a-menu-item key="1">首页</a-menu-item><a-menu-item key="2">单位信息</a-menu-item><a-menu-item key="3">账户管理</a-menu-item></a-menu>
  <a-steps :current="1" :items="[{{title: '输入基础信息'}}, {{title: '实名核验'}}, {{title: '注册完成'}}]"></a-steps>
  <div class="qr"><img src="{QR}"><p>扫码登录</p></div>
  <a-tabs v-model:active-key="tab">
    <a-tab-pane key="person" tab="个人登录" force-render><a-input placeholder="请输入密码"></a-input></a-tab-pane>
    <a-tab-pane key="unit" tab="法人登录" force-render>
      <a-form ref="form" name="login" :model="form" :rules="rules" :label-col="{{ span: 3 }}">
        <a-form-item label="账号" name="account"><a-input v-model:value="form.account"></a-input></a-form-item>
        <a-form-item><a-input-password v-model:value="form.password" placeholder="请输入密码"></a-input-password></a-form-item>
        <a-form-item><a-input v-model:value="form.captcha" placeholder="请输入图中算式的计算结果" style="width:220px"></a-input><img class="captcha" src="{CAPTCHA}"></a-form-item>
        <a-form-item label="城市" name="city"><a-select v-model:value="form.city" placeholder="请选择" style="width:220px" :options="cities.map((c) => ({{ value: c, label: c }}))"></a-select></a-form-item>
        <a-form-item label="证件类型"><a-radio-group v-model:value="form.kind"><a-radio value="身份证">身份证</a-radio><a-radio value="护照">护照</a-radio></a-radio-group></a-form-item>
        <a-form-item><a-checkbox v-model:checked="form.agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</a-checkbox></a-form-item>
        <a-form-item><a-button type="primary" @click="login">登录</a-button><a-button @click="help = true">查看说明</a-button> <a href="/help.html" target="_blank">用户帮助</a></a-form-item>
      </a-form>
    </a-tab-pane>
  </a-tabs>
  <a-modal v-model:open="help" title="网银证书核验"><p>请插入网银证书</p></a-modal>
</div>""",
    f"""const app = Vue.createApp({{
  data() {{ return {{ tab: "unit", help: false, cities: {CITIES}, form: {{ account: "", password: "", captcha: "", city: undefined, kind: "", agreed: false }},
          rules: {{ account: [{{ required: true, message: "{ERROR}", trigger: "blur" }}] }} }}; }},
  methods: {{ login() {{ this.$refs.form.validate().then(() => antd.message.info("{TOAST}")).catch(() => {{}}); }} }},
  mounted() {{ window.sceneReady = true; }},
}});
app.use(antd).mount("#app");""",
)

# ---------------------------------------------------------------- Vue 2 + View Design (iView) 4

IVIEW = _page(
    _css("view-design/dist/styles/iview.css") + _js("vue/dist/vue.min.js", "view-design/dist/iview.min.js"),
    f"""<div id="app">
  <i-menu mode="horizontal" active-name="2"><menu-item name="1">首页</menu-item><menu-item name="2">单位信息</menu-item><menu-item name="3">账户管理</menu-item></i-menu>
  <steps :current="1"><step title="输入基础信息"></step><step title="实名核验"></step><step title="注册完成"></step></steps>
  <div class="qr"><img src="{QR}"><p>扫码登录</p></div>
  <tabs v-model="tab">
    <tab-pane label="个人登录" name="person"><i-input placeholder="请输入密码"></i-input></tab-pane>
    <tab-pane label="法人登录" name="unit">
      <i-form ref="form" :model="form" :rules="rules" :label-width="100">
        <form-item label="账号" prop="account"><i-input v-model="form.account"></i-input></form-item>
        <form-item><i-input v-model="form.password" type="password" placeholder="请输入密码"></i-input></form-item>
        <form-item><i-input v-model="form.captcha" placeholder="请输入图中算式的计算结果" style="width:220px"></i-input><img class="captcha" src="{CAPTCHA}"></form-item>
        <form-item label="城市"><i-select v-model="form.city" placeholder="请选择" style="width:220px"><i-option v-for="c in cities" :key="c" :value="c">{{{{ c }}}}</i-option></i-select></form-item>
        <form-item label="证件类型"><radio-group v-model="form.kind"><radio label="身份证"></radio><radio label="护照"></radio></radio-group></form-item>
        <form-item><checkbox v-model="form.agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</checkbox></form-item>
        <form-item><i-button type="primary" @click="login">登录</i-button><i-button @click="help = true">查看说明</i-button> <a href="/help.html" target="_blank">用户帮助</a></form-item>
      </i-form>
    </tab-pane>
  </tabs>
  <modal v-model="help" title="网银证书核验"><p>请插入网银证书</p></modal>
</div>""",
    f"""Vue.use(iview);
new Vue({{
  el: "#app",
  data: {{ tab: "unit", help: false, cities: {CITIES}, form: {{ account: "", password: "", captcha: "", city: "", kind: "", agreed: false }},
          rules: {{ account: [{{ required: true, message: "{ERROR}", trigger: "blur" }}] }} }},
  methods: {{ login() {{ this.$refs.form.validate((ok) => {{ if (ok) this.$Message.info("{TOAST}"); }}); }} }},
  mounted() {{ window.sceneReady = true; }},
}});""",
)

# ---------------------------------------------------------------- layui 2

LAYUI = _page(
    _css("layui/dist/css/layui.css") + _js("layui/dist/layui.js"),
    f"""<ul class="layui-nav" lay-filter="menu"><li class="layui-nav-item"><a href="javascript:;">首页</a></li><li class="layui-nav-item layui-this"><a href="javascript:;">单位信息</a></li><li class="layui-nav-item"><a href="javascript:;">账户管理</a></li></ul>
<ul class="layui-timeline">
  <li class="layui-timeline-item"><i class="layui-icon layui-timeline-axis">&#xe63f;</i><div class="layui-timeline-content"><h3 class="layui-timeline-title">1 输入基础信息</h3></div></li>
  <li class="layui-timeline-item"><i class="layui-icon layui-timeline-axis">&#xe63f;</i><div class="layui-timeline-content"><h3 class="layui-timeline-title" style="color:#16baaa">2 实名核验</h3></div></li>
  <li class="layui-timeline-item"><i class="layui-icon layui-timeline-axis">&#xe63f;</i><div class="layui-timeline-content"><h3 class="layui-timeline-title">3 注册完成</h3></div></li>
</ul>
<div class="qr"><img src="{QR}"><p>扫码登录</p></div>
<div class="layui-tab" lay-filter="login">
  <ul class="layui-tab-title"><li>个人登录</li><li class="layui-this">法人登录</li></ul>
  <div class="layui-tab-content">
    <div class="layui-tab-item"><input class="layui-input" placeholder="请输入密码"></div>
    <div class="layui-tab-item layui-show">
      <form class="layui-form" lay-filter="login">
        <div class="layui-form-item"><label class="layui-form-label">账号</label><div class="layui-input-block"><input name="account" class="layui-input" lay-verify="required" lay-reqtext="{ERROR}" lay-vertype="tips"></div></div>
        <div class="layui-form-item"><div class="layui-input-block"><input name="password" type="password" class="layui-input" placeholder="请输入密码"></div></div>
        <div class="layui-form-item"><div class="layui-input-inline"><input name="captcha" class="layui-input" placeholder="请输入图中算式的计算结果"></div><img class="captcha" src="{CAPTCHA}"></div>
        <div class="layui-form-item"><label class="layui-form-label">城市</label><div class="layui-input-block"><select name="city"><option value="">请选择</option>{"".join(f"<option>{c}</option>" for c in CITIES)}</select></div></div>
        <div class="layui-form-item"><label class="layui-form-label">证件类型</label><div class="layui-input-block"><input type="radio" name="kind" value="身份证" title="身份证"><input type="radio" name="kind" value="护照" title="护照"></div></div>
        <div class="layui-form-item"><div class="layui-input-block"><input type="checkbox" name="agreed" title="我已阅读并同意" lay-skin="primary"></div></div>
        <div class="layui-form-item"><div class="layui-input-block"><button class="layui-btn" lay-submit lay-filter="login">登录</button><button type="button" class="layui-btn layui-btn-primary" id="help">查看说明</button> <a href="/help.html" target="_blank">用户帮助</a></div></div>
      </form>
    </div>
  </div>
</div>""",
    f"""layui.use(["form", "element", "layer"], function () {{
  layui.form.render();
  layui.element.render();
  layui.form.on("submit(login)", function () {{ layui.layer.msg("{TOAST}"); return false; }});
  document.getElementById("help").onclick = function () {{
    layui.layer.open({{ type: 1, title: "网银证书核验", area: ["420px", "200px"], content: "<p>请插入网银证书</p>" }});
  }};
  window.sceneReady = true;
}});""",
)

# ---------------------------------------------------------------- jQuery EasyUI

EASYUI = _page(
    _css("jquery-easyui/css/easyui.css")
    + _js("jquery-easyui/js/jquery.min.js", "jquery-easyui/js/jquery.easyui.min.js"),
    f"""<div id="steps" style="padding:8px">
  <a class="easyui-linkbutton" data-options="toggle:true,group:'steps'">1 输入基础信息</a>
  <a class="easyui-linkbutton" data-options="toggle:true,group:'steps',selected:true">2 实名核验</a>
  <a class="easyui-linkbutton" data-options="toggle:true,group:'steps'">3 注册完成</a>
</div>
<div class="qr"><img src="{QR}"><p>扫码登录</p></div>
<div id="tabs" class="easyui-tabs" data-options="selected:1" style="width:700px;height:420px">
  <div title="个人登录" style="padding:10px"><input class="easyui-passwordbox" data-options="prompt:'请输入密码'"></div>
  <div title="法人登录" style="padding:10px">
    <form id="form">
      <div style="margin-bottom:10px"><input id="account" class="easyui-textbox" style="width:320px" data-options="label:'账号:',required:true,missingMessage:'{ERROR}'"></div>
      <div style="margin-bottom:10px"><input class="easyui-passwordbox" style="width:320px" data-options="prompt:'请输入密码'"></div>
      <div style="margin-bottom:10px"><input class="easyui-textbox" style="width:220px" data-options="prompt:'请输入图中算式的计算结果'"><img class="captcha" src="{CAPTCHA}"></div>
      <div style="margin-bottom:10px"><select class="easyui-combobox" style="width:320px" data-options="label:'城市:',prompt:'请选择'"><option value=""></option>{"".join(f"<option>{c}</option>" for c in CITIES)}</select></div>
      <div style="margin-bottom:10px">证件类型 <input type="radio" name="kind" id="kind1" value="身份证"><label for="kind1">身份证</label> <input type="radio" name="kind" id="kind2" value="护照"><label for="kind2">护照</label></div>
      <div style="margin-bottom:10px"><input type="checkbox" id="agreed"><label for="agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</label></div>
      <div><a id="login" class="easyui-linkbutton" data-options="iconCls:'icon-ok'">登录</a> <a id="help" class="easyui-linkbutton">查看说明</a> <a href="/help.html" target="_blank">用户帮助</a></div>
    </form>
  </div>
</div>
<div id="dialog" class="easyui-dialog" style="width:400px;height:200px" data-options="title:'网银证书核验',closed:true"><p>请插入网银证书</p></div>""",
    f"""$(function () {{
  $("#login").on("click", function () {{ if ($("#form").form("validate")) $.messager.show({{ title: "提示", msg: "{TOAST}" }}); }});
  $("#help").on("click", function () {{ $("#dialog").dialog("open"); }});
  window.sceneReady = true;
}});""",
)

# ---------------------------------------------------------------- Bootstrap 5

BOOTSTRAP = _page(
    _css("bootstrap/dist/css/bootstrap.min.css") + _js("bootstrap/dist/js/bootstrap.bundle.min.js"),
    f"""<nav class="nav nav-pills"><a class="nav-link" href="#home">首页</a><a class="nav-link active" aria-current="page" href="#unit">单位信息</a><a class="nav-link" href="#account">账户管理</a></nav>
<ol class="list-group list-group-horizontal list-group-numbered" aria-label="注册步骤">
  <li class="list-group-item">输入基础信息</li><li class="list-group-item active" aria-current="step">实名核验</li><li class="list-group-item">注册完成</li>
</ol>
<div class="qr"><img src="{QR}"><p>扫码登录</p></div>
<ul class="nav nav-tabs" role="tablist">
  <li class="nav-item" role="presentation"><button class="nav-link" data-bs-toggle="tab" data-bs-target="#person" type="button" role="tab" aria-selected="false">个人登录</button></li>
  <li class="nav-item" role="presentation"><button class="nav-link active" data-bs-toggle="tab" data-bs-target="#unit" type="button" role="tab" aria-selected="true">法人登录</button></li>
</ul>
<div class="tab-content">
  <div class="tab-pane fade" id="person" role="tabpanel"><input class="form-control" placeholder="请输入密码"></div>
  <div class="tab-pane fade show active" id="unit" role="tabpanel">
    <form id="form" class="needs-validation" novalidate>
      <div class="mb-3"><label for="account" class="form-label">账号</label><input id="account" class="form-control" required><div class="invalid-feedback">{ERROR}</div></div>
      <div class="mb-3"><input type="password" class="form-control" placeholder="请输入密码"></div>
      <div class="mb-3 d-flex"><input class="form-control w-auto" placeholder="请输入图中算式的计算结果"><img class="captcha" src="{CAPTCHA}"></div>
      <div class="mb-3"><label for="city" class="form-label">城市</label><select id="city" class="form-select"><option value="">请选择</option>{"".join(f"<option>{c}</option>" for c in CITIES)}</select></div>
      <div class="mb-3">证件类型
        <div class="form-check form-check-inline"><input class="form-check-input" type="radio" name="kind" id="kind1"><label class="form-check-label" for="kind1">身份证</label></div>
        <div class="form-check form-check-inline"><input class="form-check-input" type="radio" name="kind" id="kind2"><label class="form-check-label" for="kind2">护照</label></div></div>
      <div class="mb-3 form-check"><input class="form-check-input" type="checkbox" id="agreed"><label class="form-check-label" for="agreed">我已阅读并同意《<a href="#terms">用户服务协议</a>》</label></div>
      <button type="button" class="btn btn-primary" id="login">登录</button>
      <button type="button" class="btn btn-secondary" data-bs-toggle="modal" data-bs-target="#dialog">查看说明</button>
      <a href="/help.html" target="_blank">用户帮助</a>
    </form>
  </div>
</div>
<div class="modal fade" id="dialog" tabindex="-1" aria-labelledby="dialog-title" aria-hidden="true"><div class="modal-dialog"><div class="modal-content">
  <div class="modal-header"><h5 class="modal-title" id="dialog-title">网银证书核验</h5><button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="关闭"></button></div>
  <div class="modal-body"><p>请插入网银证书</p></div></div></div></div>
<div class="toast-container position-fixed top-0 end-0 p-3"><div id="toast" class="toast" role="alert"><div class="toast-body">{TOAST}</div></div></div>""",
    """document.getElementById("login").onclick = function () {
  const form = document.getElementById("form");
  form.classList.add("was-validated");
  if (form.checkValidity()) bootstrap.Toast.getOrCreateInstance(document.getElementById("toast")).show();
};
window.sceneReady = true;""",
)

# ---------------------------------------------------------------- in-house gd- components

GD_STYLE = """<style>
.gd-menu, .gd-tabs-nav, .gd-steps { display: flex; gap: 16px; }
.gd-menu-item-active, .gd-tabs-nav-active { color: #1677ff; border-bottom: 2px solid #1677ff; }
.gd-step { color: #999; } .gd-step-now { color: #1677ff; font-weight: bold; }
.gd-tabs-pane { display: none; } .gd-tabs-pane.gd-tabs-pane-show { display: block; }
.gd-form-item { margin: 8px 0; } .gd-form-item-error { color: #f56c6c; font-size: 12px; }
.gd-checkbox, .gd-radio, .gd-select-item, .gd-tabs-nav-item, .gd-link { cursor: pointer; }
.gd-checkbox-inner, .gd-radio-inner { display: inline-block; width: 14px; height: 14px; border: 1px solid #999; }
.gd-checkbox-checked .gd-checkbox-inner, .gd-radio-checked .gd-radio-inner { background: #1677ff; }
.gd-select { position: relative; width: 220px; } .gd-select-dropdown { display: none; position: absolute; background: #fff; border: 1px solid #ddd; margin: 0; padding: 0; list-style: none; }
.gd-select-open .gd-select-dropdown { display: block; }
.gd-btn { padding: 6px 16px; } .gd-btn-primary { background: #1677ff; color: #fff; border: 0; }
.gd-dialog { display: none; position: fixed; top: 20%; left: 30%; width: 400px; background: #fff; border: 1px solid #ddd; }
.gd-dialog-open { display: block; } .gd-dialog-title { font-size: 16px; padding: 8px; }
.gd-toast { position: fixed; top: 20px; left: 45%; background: #333; color: #fff; padding: 8px 16px; }
</style>"""

GD_BODY = f"""<div id="app"></div>
<template id="scene">
  <div class="gd-menu"><div class="gd-menu-item">首页</div><div class="gd-menu-item gd-menu-item-active">单位信息</div><div class="gd-menu-item">账户管理</div></div>
  <div class="gd-steps"><div class="gd-step">1 输入基础信息</div><div class="gd-step gd-step-now">2 实名核验</div><div class="gd-step">3 注册完成</div></div>
  <div class="qr"><img src="{QR}"><p>扫码登录</p></div>
  <div class="gd-tabs">
    <div class="gd-tabs-nav"><div class="gd-tabs-nav-item"><span>个人登录</span></div><div class="gd-tabs-nav-item gd-tabs-nav-active"><span>法人登录</span></div></div>
    <div class="gd-tabs-pane"><div class="gd-form-item"><input placeholder="请输入账号"></div><div class="gd-form-item"><input type="password" placeholder="请输入密码"></div></div>
    <div class="gd-tabs-pane gd-tabs-pane-show">
      <div class="gd-form-item" data-field="account"><input placeholder="请输入账号"></div>
      <div class="gd-form-item"><input type="password" placeholder="请输入密码"></div>
      <div class="gd-form-item"><input placeholder="请输入图中算式的计算结果"><img class="captcha" src="{CAPTCHA}"></div>
      <div class="gd-form-item"><div class="gd-select"><input readonly placeholder="请选择城市"><ul class="gd-select-dropdown">{"".join(f'<li class="gd-select-item">{c}</li>' for c in CITIES)}</ul></div></div>
      <div class="gd-form-item"><span>证件类型</span> <span class="gd-radio"><span class="gd-radio-inner"></span><span>身份证</span></span> <span class="gd-radio"><span class="gd-radio-inner"></span><span>护照</span></span></div>
      <div class="gd-form-item"><span class="gd-checkbox"><span class="gd-checkbox-inner"></span><span class="gd-checkbox-label">我已阅读并同意《<a class="gd-link">用户服务协议</a>》</span></span></div>
      <div class="gd-form-item"><button class="gd-btn gd-btn-primary">登录</button> <span class="gd-link" data-open="dialog">查看说明</span> <a href="/help.html" target="_blank">用户帮助</a></div>
    </div>
  </div>
  <div class="gd-dialog"><div class="gd-dialog-title">网银证书核验</div><div class="gd-dialog-body"><p>请插入网银证书</p></div></div>
</template>"""

GD_SCRIPT = f"""const app = document.getElementById("app");
app.appendChild(document.getElementById("scene").content.cloneNode(true));
const on = (selector, handler) => app.querySelectorAll(selector).forEach((el) => el.addEventListener("click", handler));
on(".gd-tabs-nav-item", (event) => {{
  const items = [...app.querySelectorAll(".gd-tabs-nav-item")], panes = [...app.querySelectorAll(".gd-tabs-pane")];
  const index = items.indexOf(event.currentTarget);
  items.forEach((item, i) => item.classList.toggle("gd-tabs-nav-active", i === index));
  panes.forEach((pane, i) => pane.classList.toggle("gd-tabs-pane-show", i === index));
}});
on(".gd-checkbox-inner", (event) => event.currentTarget.parentElement.classList.toggle("gd-checkbox-checked"));
on(".gd-radio", (event) => app.querySelectorAll(".gd-radio").forEach((radio) => radio.classList.toggle("gd-radio-checked", radio === event.currentTarget)));
on(".gd-select input", (event) => event.currentTarget.parentElement.classList.toggle("gd-select-open"));
on(".gd-select-item", (event) => {{
  const select = event.currentTarget.closest(".gd-select");
  select.querySelector("input").value = event.currentTarget.textContent;
  select.classList.remove("gd-select-open");
}});
on("[data-open=dialog]", () => app.querySelector(".gd-dialog").classList.add("gd-dialog-open"));
on(".gd-btn-primary", () => {{
  const row = app.querySelector("[data-field=account]");
  row.querySelector(".gd-form-item-error")?.remove();
  if (!row.querySelector("input").value) {{ row.insertAdjacentHTML("beforeend", '<div class="gd-form-item-error">{ERROR}</div>'); return; }}
  const toast = document.createElement("div");
  toast.className = "gd-toast";
  toast.textContent = "{TOAST}";
  document.body.appendChild(toast);
}});
window.sceneReady = true;"""

GD = _page(GD_STYLE, GD_BODY, GD_SCRIPT)

SCENES: dict[str, str] = {
    "element-ui": ELEMENT,
    "element-plus": ELEMENT_PLUS,
    "ant-design-vue": ANT,
    "view-design": IVIEW,
    "layui": LAYUI,
    "easyui": EASYUI,
    "bootstrap": BOOTSTRAP,
    "in-house": GD,
}
