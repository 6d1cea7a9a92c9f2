"""Mock versions of the two portals the guide walks through."""

# - `mock_sites.gdzwfw`: 广东省统一身份认证平台 (GD-IdP) at 广东政务服务网.
# - `mock_sites.hrss`: 广东人社统一认证 (HRSS unified authentication) and the platform behind it.
#
# Each is a Flask app built by its own `create_app(config=None)`, served on its own port so
# that the browser sees two origins, as with the real hosts. `python -m mock_sites` serves
# both for a person; the acceptance suite starts them through `mock_sites.serving`.
# Anything under `/__mock__/` is the control API (seeding, SMS outbox, simulated scans):
# it exists only here, never on the real portals.
