"""A coordinator opens the outcome report in Spanish on a phone and downloads the spreadsheet."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from peerpath.accounts.models import Organization, Program, Role
from peerpath.conftest import make_user
from peerpath.reports.tests.test_data import make_people
from tests.browser.conftest import sign_in
from tests.browser.test_staff_and_home_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_reads_the_report_in_spanish_and_downloads_it(phone, tmp_path):
    organization = Organization.objects.create(name="Red de Pares", slug="red")
    program = Program.objects.create(organization=organization, name="Programa", slug="prog")
    make_people(program, 12)
    coordinator = make_user("coord@example.org", Role.COORDINATOR, organization=organization)
    sign_in(phone, coordinator)
    phone.goto("/staff/")
    phone.get_by_role("button", name="Español").click()
    phone.wait_for_load_state()
    phone.get_by_role("link", name="Informes de resultados para los financiadores").click()
    phone.get_by_text("Elija el período, el programa y el grupo").click()
    phone.locator("#id_period").select_option("custom")
    phone.locator("#id_start").fill("2025-07-01")
    phone.locator("#id_end").fill("2026-06-30")
    phone.get_by_role("button", name="Ver el informe").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Informes de resultados").is_visible()
    chart = phone.get_by_role("img", name="Indicadores para los financiadores", exact=True)
    assert chart.is_visible()
    assert "100,0 %" in chart.locator("desc").text_content() or "100.0 %" in (
        chart.locator("desc").text_content()
    )
    table = phone.locator("#table-indicators-heading + div table")
    assert "Con empleo en el 2.º trimestre después de la salida" in table.inner_text()
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="hoja de cálculo (XLSX)").click()
    assert not serious_violations(phone, [phone.url])
    path = tmp_path / "report.xlsx"
    download_info.value.save_as(path)
    workbook = load_workbook(path)
    assert "Acerca de" in workbook.sheetnames
    sheet = workbook[workbook.sheetnames[2]]
    assert (
        sheet.cell(row=2, column=1).value == "Con empleo en el 2.º trimestre después de la salida"
    )
    assert sheet.cell(row=2, column=2).value == 12
    assert sheet.cell(row=2, column=5).value == 1
