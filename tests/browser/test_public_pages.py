import pytest
from axe_playwright_python.sync_playwright import Axe

PUBLIC_PATHS = [
    "/",
    "/explore/",
    "/path/",
    "/specializations/",
    "/competencies/",
    "/start/ready/",
    "/start/eligibility/",
    "/practice/",
    "/practice/open_question/?prompt=oq-01",
    "/training/",
    "/training/?near=00000&radius_miles=0",
    "/training/ruhs-behavioral-health/",
    "/accounts/login/",
    "/accounts/signup/",
]


def test_visitor_switches_to_spanish_filters_the_finder_and_opens_a_provider(phone, reference_data):
    phone.goto("/")
    assert phone.locator("h1").inner_text().startswith("Turn what you have lived through")
    phone.get_by_role("button", name="Español").click()
    phone.wait_for_url("**/")
    assert phone.locator("html").get_attribute("lang") == "es"
    phone.get_by_role("link", name="Buscar capacitación").first.click()
    phone.get_by_label("Especialización").select_option("JI")
    phone.get_by_label("Cerca del código postal").fill("92501")
    phone.get_by_role("button", name="Mostrar capacitaciones").click()
    phone.wait_for_url("**near=92501**")
    results = phone.locator("#results")
    results.get_by_role("link", name="Riverside University Health System").wait_for()
    assert "encontrada" in results.inner_text()
    results.get_by_role("link", name="Riverside University Health System").first.click()
    phone.wait_for_url("**/training/ruhs-behavioral-health/")
    assert "Indio" in phone.locator("main").inner_text()
    assert phone.locator("html").get_attribute("lang") == "es"
    assert "988" in phone.locator("footer").inner_text()


def test_bad_zip_shows_the_message_next_to_the_field(phone, reference_data):
    phone.goto("/training/")
    phone.get_by_label("Near ZIP code").fill("00000")
    phone.get_by_role("button", name="Show trainings").click()
    error = phone.locator("#id_near_error")
    error.wait_for()
    assert "We could not find ZIP code 00000" in error.inner_text()
    assert phone.get_by_label("Near ZIP code").get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_have_no_serious_accessibility_violations(phone, reference_data, language):
    if language == "es":
        phone.goto("/")
        phone.get_by_role("button", name="Español").click()
        phone.wait_for_load_state()
    axe = Axe()
    problems = {}
    for path in PUBLIC_PATHS:
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == language
        violations = axe.run(phone).response["violations"]
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in violations
            if v.get("impact") in {"serious", "critical"}
        ]
        if serious:
            problems[path] = serious
    assert problems == {}
