"""The registration page's mini-program code under a slow network: a scan-state poll that left
before 「刷新小程序码」 but arrives after it must neither put the old code back on the page nor,
on the server, replace the refreshed code in the session.

Under added network latency the acceptance scenario A1.6 「刷新小程序码后旧码失效，新码可用」
failed now and then for these reasons. In the browser test the poll's late arrival is made
certain: the browser's polls are held, the code is refreshed, and then one held poll is answered
with what the server said before the refresh.
"""

from __future__ import annotations

import json

import re

from playwright.sync_api import Page, Route, expect

from harness.portals import PortalUrls
from mock_sites import gdzwfw

STATE_PATH = "/pscp/sso/register/face-code"

# Marks, one task after the page's script has used it, that the stale answer was read; by then
# the script's own continuation (show or drop the state) has run.
SEEN_STALE_ANSWER = """
const json = Response.prototype.json;
Response.prototype.json = function () {
  const stale = this.headers.get("x-stale-answer") === "1";
  return json.call(this).then((value) => {
    if (stale) setTimeout(() => { window.staleAnswerRead = true; }, 0);
    return value;
  });
};
"""


def test_a_poll_answer_from_before_the_refresh_does_not_bring_the_old_code_back(page: Page, portal_urls: PortalUrls) -> None:
    """Defect: a stale poll answer overwrote the newer code (A1.6 under latency)."""
    page.add_init_script(SEEN_STALE_ANSWER)
    page.goto(f"{portal_urls.gdzwfw}/pscp/sso/register?type=legal")
    ticket = page.locator("[data-face-ticket]")
    old_ticket = ticket.inner_text()
    stale_state = page.request.get(f"{portal_urls.gdzwfw}{STATE_PATH}").json()
    assert stale_state["ticket"] == old_ticket

    held: list[Route] = []

    def hold_polls(route: Route) -> None:
        if route.request.method == "GET":
            held.append(route)
        else:
            route.continue_()

    page.route(lambda url: STATE_PATH in url, hold_polls)
    with page.expect_request(lambda request: request.method == "GET" and STATE_PATH in request.url):
        pass  # a poll has left before the refresh
    page.get_by_role("button", name="刷新小程序码").click()
    expect(ticket).not_to_have_text(old_ticket)
    new_ticket = ticket.inner_text()
    assert held, "no poll was held"
    held[0].fulfill(status=200, content_type="application/json", headers={"x-stale-answer": "1"}, body=json.dumps(stale_state))
    page.wait_for_function("() => window.staleAnswerRead === true")
    assert ticket.inner_text() == new_ticket


def test_a_poll_carrying_the_session_from_before_the_refresh_changes_nothing() -> None:
    """Defect: a poll sent with the cookie from before 「刷新小程序码」 found its code replaced,
    issued yet another one and sent it back in a new cookie, which overwrote the refreshed one:
    the applicant then scanned the code on the page, and the page never learnt of it."""
    client = gdzwfw.create_app({"TESTING": True}).test_client()
    page = client.get("/pscp/sso/register?type=legal").get_data(as_text=True)
    old_ticket = re.search(r"data-face-ticket>(\w+)<", page).group(1)
    cookie_before = client.get_cookie("gdzwfw_session").value
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    new_ticket = client.post(STATE_PATH, headers={"X-CSRF-Token": token}).get_json()["ticket"]
    # The same app, a second connection with the cookie from before the refresh:
    stale = client.application.test_client()
    stale.set_cookie("gdzwfw_session", cookie_before)
    answer = stale.get(f"{STATE_PATH}?ticket={old_ticket}", headers={"Accept": "application/json"})
    assert answer.get_json()["ticket"] == old_ticket and answer.get_json()["status"] == "replaced"
    assert "Set-Cookie" not in answer.headers
    current = client.get(f"{STATE_PATH}?ticket={new_ticket}", headers={"Accept": "application/json"}).get_json()
    assert current == {"ticket": new_ticket, "status": "pending", "applicant": ""}
