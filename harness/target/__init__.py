"""The target of a run: environment profiles (config), page paths (portals), the browser to
launch or connect to (browser, remote) and the mock's control client (mock_control)."""
