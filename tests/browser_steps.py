"""Steps shared by the browser tests."""


def click_and_load(page, locator, wait_until="domcontentloaded"):
    """Click something that loads a new page, and return once that page is there.

    Playwright's click() returns before the navigation it starts has committed, so a
    wait_for_load_state() or count() right after it can still be answered by the old page:
    CI once counted 0 rows of a page that had 2 because of this."""
    with page.expect_navigation(wait_until=wait_until):
        locator.click()
