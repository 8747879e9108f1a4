"""Steps shared by the browser tests."""


def click_and_load(page, locator, wait_until="domcontentloaded"):
    """Click something that loads a new page, and return once that page is there.

    Playwright's click() returns before the navigation it starts has committed, so a
    wait_for_load_state() or count() right after it can still be answered by the old page:
    CI once counted 0 rows of a page that had 2 because of this."""
    with page.expect_navigation(wait_until=wait_until):
        locator.click()


def log_in(page, username, password, wait_until="networkidle"):
    """Sign in through the login page, as a person does."""
    page.goto(page.base_url + "/login/")
    page.get_by_test_id("username").fill(username)
    page.get_by_test_id("password").fill(password)
    click_and_load(page, page.get_by_test_id("login"), wait_until=wait_until)
