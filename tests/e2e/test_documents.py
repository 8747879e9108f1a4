import pytest

from browser_steps import click_and_load
from mandate.documents.services import create_document

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_a_document_by_number(page, login, users, plan, tree):
    create_document(number="129/KH-UBND", title="Kế hoạch phát động phong trào thi đua", issuing_unit=tree.city)
    login("viewer")
    page.goto(page.base_url + "/documents/")
    page.get_by_test_id("document-search").fill("số 129/KH-UBND")
    click_and_load(page, page.get_by_test_id("document-search-submit"), wait_until="networkidle")
    table = page.get_by_test_id("document-table")
    assert "129/KH-UBND" in table.inner_text() and "150-KH/TU" not in table.inner_text()
    click_and_load(page, table.get_by_role("link", name="129/KH-UBND"), wait_until="networkidle")
    assert page.get_by_test_id("document-number").inner_text() == "129/KH-UBND"
