"""Steps for HRSS accounts: unit registration, sub-account binding, unit authorisation
code and handler login (guide part 二)."""

from __future__ import annotations
