"""`python -m mock_sites`: serve both mock portals for a person to click through."""

from __future__ import annotations

import argparse
import threading

from mock_sites.mutants import MUTANTS
from mock_sites.serving import start_portals
from mock_sites.web import UIS, parse_latency


def main(argv: list[str] | None = None) -> None:
    """Parses the ports, starts both portals and serves until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="python -m mock_sites", description="启动模拟门户：广东政务服务网统一身份认证 + 广东人社统一认证"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--gdzwfw-port", type=int, default=8001, help="广东政务服务网（省统一身份认证）端口，默认 8001")
    parser.add_argument("--hrss-port", type=int, default=8002, help="广东人社统一认证端口，默认 8002")
    parser.add_argument(
        "--ui",
        choices=UIS,
        default="classic",
        help=(
            "界面：classic（默认，无障碍的服务端页面）、spa（Element-UI / layui 风格）或 "
            "lookalike（按公开资料仿真实门户：gd- 组件、/isso/ 单页应用、EasyUI）"
        ),
    )
    parser.add_argument(
        "--latency",
        type=parse_latency,
        default=None,
        metavar="LOW-HIGH",
        help="每个应答随机延迟的毫秒范围，如 300-1500（模拟慢网络）",
    )
    parser.add_argument(
        "--static-faults",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="静态文件首次请求返回 503 的比例，如 0.2（模拟不稳定的网络）",
    )
    parser.add_argument("--keyboard-run-limit", type=int, default=None, help="人社密码规则：键盘连续字符上限（默认 4）")
    parser.add_argument(
        "--mutant",
        choices=sorted(MUTANTS),
        default=None,
        help="故意破坏指南的一条规则（变异体，见 mock_sites/mutants.py），用于证明验收场景能发现它",
    )
    args = parser.parse_args(argv)
    faults = {"LATENCY_MS": args.latency, "STATIC_FAULT_RATE": args.static_faults, "MUTANT": args.mutant}
    hrss_config = {**faults, **({"KEYBOARD_RUN_LIMIT": args.keyboard_run_limit} if args.keyboard_run_limit else {})}
    portals = start_portals(
        args.host,
        args.gdzwfw_port,
        args.hrss_port,
        gdzwfw_config=faults,
        hrss_config=hrss_config,
        log_requests=True,
        ui=args.ui,
    )
    # The lookalike's GD-IdP login is its app under /pscp/sso/static/, as on the real platform.
    gdidp_login = "/pscp/sso/static/" if args.ui == "lookalike" else "/pscp/sso/login"
    print(f"广东政务服务网（省统一身份认证）: {portals.gdzwfw_url}{gdidp_login}", flush=True)
    print(f"广东人社统一认证:                 {portals.hrss_url}/isso/login.html", flush=True)
    print(f"模拟控制台（短信、扫码）:         {portals.gdzwfw_url}/__mock__/  {portals.hrss_url}/__mock__/", flush=True)
    if args.mutant:
        print(f"变异体（故意破坏的规则）: {args.mutant} — {MUTANTS[args.mutant].breaks}", flush=True)
    print("按 Ctrl+C 停止。", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        portals.stop()


if __name__ == "__main__":
    main()
