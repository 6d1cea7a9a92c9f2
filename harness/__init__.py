"""Support code of the acceptance harness: configuration, browser resolution, test
data, the mock-portal control client and report helpers.

Nothing here knows page structure; pages/ and steps/ build on it."""
