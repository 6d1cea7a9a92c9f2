"""What only the `lookalike` rendition serves: the bundled apps' assets under content-hashed
names, and the shell of the 稳岗返还 declaration app at `/WGSQ`."""

# The real `/isso/` is a webpack build (`isso/img/logo.e14a7e23.png`: evidence
# hrss__unattributed_vitepress_navdata.ts), so its assets are named `<name>.<8 hex>.<ext>` here too:
# the hash is the first eight hex digits of the file's MD5, and an old hash is a 404, as on a
# redeployed CDN. `chunk-vendors` is the library code such a build splits off: here Vue 2's own
# build from the repository's node_modules. The 稳岗返还 system is a hash-routed app at `/WGSQ#/`
# (evidence pages__69525_cn_post_2654807.txt).

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, abort, current_app, render_template, send_file

bp = Blueprint("lookalike", __name__)

ASSETS = Path(__file__).resolve().parent / "static" / "lookalike"
# Files a build takes from its dependencies (`app` → (vendor package folder, file)).
VENDOR_CHUNKS = {("isso", "js/chunk-vendors.js"): ("vue", "vue.min.js")}
APPS = ("isso", "WGSQ")
HASHED_NAME = re.compile(r"^(?P<stem>[A-Za-z0-9_-]+)\.(?P<hash>[0-9a-f]{8})\.(?P<ext>js|css|png)$")


def _source(app_name: str, name: str) -> Path:
    vendor = VENDOR_CHUNKS.get((app_name, name))
    if vendor is not None:
        from mock_sites.web import VENDOR_DIRS

        package, filename = vendor
        return Path(current_app.config["VENDOR_ROOT"]) / VENDOR_DIRS[package] / filename
    return ASSETS / app_name / name


@lru_cache(maxsize=64)
def _content_hash(path: Path, modified: float) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()[:8]


def asset_hash(path: Path) -> str:
    """The first eight hex digits of the file's MD5 (webpack's `[contenthash:8]`, in spirit)."""
    return _content_hash(path, path.stat().st_mtime)


def asset_url(app_name: str, name: str) -> str:
    """`/isso/js/app.<hash>.js` for ("isso", "js/app.js")."""
    folder, _, filename = name.rpartition("/")
    stem, _, ext = filename.rpartition(".")
    return f"/{app_name}/{folder}/{stem}.{asset_hash(_source(app_name, name))}.{ext}"


def _send_asset(app_name: str, folder: str, filename: str) -> Any:
    match = HASHED_NAME.match(filename)
    if match is None or folder not in ("js", "css", "img"):
        abort(404)
    name = f"{folder}/{match['stem']}.{match['ext']}"
    path = _source(app_name, name)
    if not path.is_file() or asset_hash(path) != match["hash"]:
        abort(404)
    return send_file(path, max_age=current_app.get_send_file_max_age(str(path)))


@bp.get("/isso/<any(js, css, img):folder>/<filename>")
def isso_asset(folder: str, filename: str) -> Any:
    """An asset of the /isso/ app by its hashed name."""
    return _send_asset("isso", folder, filename)


@bp.get("/WGSQ/<any(js, css, img):folder>/<filename>")
def wgsq_asset(folder: str, filename: str) -> Any:
    """An asset of the 稳岗返还 app by its hashed name."""
    return _send_asset("WGSQ", folder, filename)


@bp.get("/WGSQ")
@bp.get("/WGSQ/")
def wgsq_app() -> Any:
    """The 稳岗返还 app's shell; the app draws its views from the hash (`#/confirm`)."""
    return render_template("wgsq_app.html")


def register(app: Flask) -> None:
    """Adds the rendition's routes and the `asset_url` of its templates, when `UI` is lookalike."""
    if app.config["UI"] != "lookalike":
        return
    app.jinja_env.globals["asset_url"] = asset_url
    app.register_blueprint(bp)
