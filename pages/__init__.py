"""Page objects of both portals, `pages/<portal>/<page>_page.py`, with the locator helpers in
`base.py`. They locate elements by the texts the guide shows, so the same objects work on the mock
and on staging. They act and leave the checks to the steps; an action waits, with `expect`, for
the state it brings about (a box ticked, an option chosen) before it returns."""
