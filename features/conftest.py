"""The step definitions of the acceptance suite (steps/), loaded for runs of features/ only.

A guide section's steps are in `steps/<section>.py`; steps several sections share are in
`steps/common.py`, `steps/gdzwfw.py` and `steps/hrss_common.py`.
"""

pytest_plugins = [
    "steps.common",
    "steps.gdzwfw",
    "steps.a1_login",
    "steps.a1_register",
    "steps.a2_verify",
    "steps.hrss_common",
    "steps.a3_sso",
    "steps.a3_wizard",
    "steps.b1_accounts",
    "steps.b1_binding",
    "steps.b1_authcode",
    "steps.b2_person_login",
    "steps.c_rebate",
]
