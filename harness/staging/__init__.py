"""Runs against environments other than the bundled mock: the destructive guard, the preflight,
retries, secret masking (masking), the record of skips (results) and the rehearsal on the mock (sim)."""
