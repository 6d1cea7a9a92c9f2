"""广东政务服务网 around the login platform: the home page with the logged-in user top right
(guide A2.6 step 1), the help pages that 「用户帮助」 opens, and the CA helper download page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template

from mock_sites.gdzwfw import auth, tickets

bp = Blueprint("portal", __name__)

# slug → (title, paragraphs or steps). The bank-cert and e-licence texts are the guide's own.
HELP_PAGES: dict[str, tuple[str, list[str]]] = {
    "login-platform-intro": (
        "广东省统一身份认证平台帮助指引",
        [
            "广东省统一身份认证平台为自然人（个人）和法人（企业、个体工商户、政府机关、社会团体等）提供统一的账号注册、"
            "登录和实名核验服务。",
            "注册个人账号只能办理个人事项，注册法人账号只能办理法人事项。",
            "法人账号的可信等级分为三级 (原L1)、四级 (原L2)、五级 (原L3)。注册时与法人基础库比对通过的账号为三级 "
            "(原L1)；通过网银证书或电子营业执照核验的账号为四级 (原L2)；通过CA证书或办事大厅现场核验的账号为五级 "
            "(原L3)。",
            "登录后点击右上角「账号管理」，在「实名核验」中选择核验方式进行升级。",
            "如有问题，请拨打咨询电话: 12345。",
        ],
    ),
    "bank-cert": (
        "网银证书核验",
        [
            "个人或法人用户可使用数字证书进行核验，核验成功后支持使用数字证书登陆，账户等级可提升到四级（原L2）。",
            "1 进入广东政务服务网首页，点击右上角已登录的用户名，在下拉框中点选“账户管理”。",
            "2 在账户管理页的实名核验栏，点击“网银证书核验”下方按钮（若未进行过该级别核验，则为“核验升级”；"
            "若已完成该级别核验，则为“修改信息”），弹窗显示数字证书核验引导。根据引导页提示，点击链接下载CA助手；"
            "若未安装数字证书客户端（即CA助手），会弹窗提示安装，点击“知道了”即可。",
            "3 启动网银客户端，插入网银证书，输入网银证书对应的PIN码，点击“数字证书核验”；",
            "4 核验成功，账户等级提升为四级（原L2），“未核验”状态修改为“已核验”。",
        ],
    ),
    "e-licence": (
        "电子营业执照核验",
        [
            "法人用户可使用电子营业执照进行核验，核验成功后账户等级可提升到四级（原L2）。",
            "1 点击“电子营业执照核验”下方按钮（若未进行过该级别核验，则为“核验升级”；若已完成该级别核验，"
            "则为“修改信息”），使用微信扫描二维码；",
            "2 需提前在微信电子营业执照小程序中下载相关法人的电子营业执照（注意："
            f"电子营业执照的授权事项为“{tickets.ELICENCE_SCOPE}”）；若未提前下载，则在本次下载完电子营业执照之后，"
            "使用微信/支付宝的“扫一扫”或小程序内的“扫一扫”扫描二维码；",
            "3 在小程序中选择具体电子营业执照后，点击“确认登录”，认证成功后，即可完成该次核验。",
            "使用电子营业执照登录无需注册：在法人登录页微信扫码即可，首次登录时自动创建法人账号。",
        ],
    ),
    "ca-cert": (
        "CA证书核验",
        [
            "法人用户可使用CA机构颁发的企业/单位数字证书进行核验，核验成功后账户等级可提升到五级（原L3），"
            "并支持使用CA证书登录。",
            "1 在账号管理的实名核验栏，点击“企业/单位CA证书核验”下方按钮；",
            "2 根据引导页提示下载并安装CA助手；",
            "3 插入CA证书，输入证书对应的PIN码，点击“数字证书核验”。",
        ],
    ),
    "service-halls": (
        "办事大厅地址",
        [
            "各地级以上市及县（市、区）政务服务中心均可办理法人账号现场核验。",
            "请就近前往办事大厅，具体地址和办公时间可拨打咨询电话: 12345 查询。",
        ],
    ),
    "hall-conditions": (
        "办理条件",
        [
            "法定代表人本人办理：携带营业执照（或其他法人证书）原件、法定代表人身份证件原件。",
            "经办人办理：另需携带经办人身份证件原件及加盖单位公章的授权委托书。",
            "现场核验通过后，账号可信等级提升为五级（原L3）。",
        ],
    ),
    "user-agreement": (
        "用户服务协议",
        ["用户应如实填写注册信息，妥善保管登录账号和密码，不得将账号转让或出借他人使用。"],
    ),
    "privacy": (
        "隐私政策",
        ["平台仅为身份认证之目的收集和使用用户提供的信息，并依法保护用户的个人信息。"],
    ),
    "recover": (
        "找回密码/账号",
        [
            "法人账号可通过注册时填写的手机号码接收短信验证码找回；手机号码已变更的，请前往办事大厅现场办理。",
            "使用电子营业执照登录的账号无需密码，可直接在法人登录页微信扫码登录。",
            "如有问题，请拨打咨询电话: 12345。",
        ],
    ),
}


@bp.get("/")
def home() -> Any:
    """广东政务服务网 home: logged in, the user's name top right opens a menu with 「账户管理」."""
    account = auth.current_account()
    name = auth.display_name(account) if account else None
    return render_template("home.html", account=account, display_name=name)


@bp.get("/portal/help/<slug>.html")
def help_page(slug: str) -> Any:
    """The help pages 「用户帮助」 and 「用户帮助 >」 open."""
    if slug not in HELP_PAGES:
        abort(404)
    title, paragraphs = HELP_PAGES[slug]
    return render_template("help.html", title=title, paragraphs=paragraphs, slug=slug, pages=HELP_PAGES)


@bp.get("/portal/download/ca-helper.html")
def download_ca_helper() -> Any:
    """「下载CA助手」: in the mock the helper is installed through the console page."""
    return render_template("download_ca_helper.html")
