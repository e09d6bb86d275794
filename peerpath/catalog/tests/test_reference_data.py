import io
import json

import pytest
from django.core.management import call_command

from peerpath.catalog.loader import (
    DATA_DIR,
    ProviderCsvError,
    import_provider_csv,
    load_reference,
    parse_provider_csv,
)
from peerpath.catalog.models import (
    Competency,
    CompetencyItem,
    EmployerType,
    FurtherTraining,
    JobTitle,
    Provider,
    ProviderLocation,
    ReferenceDataset,
    Specialization,
    SpecializationCompetency,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    Specialization,
    SpecializationCompetency,
    Provider,
    ProviderLocation,
    Competency,
    CompetencyItem,
    EmployerType,
    JobTitle,
    FurtherTraining,
    ReferenceDataset,
]


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_twice_creates_no_duplicates():
    load_reference()
    first = counts()
    load_reference()
    assert counts() == first
    load_reference(force=True)
    assert counts() == first


def test_loaded_data_matches_the_seed_documents():
    load_reference()
    assert list(Specialization.objects.values_list("code", flat=True)) == ["PCF", "CC", "UH", "JI"]
    competencies = {s.code: s.competencies.count() for s in Specialization.objects.all()}
    assert competencies == {"PCF": 5, "CC": 11, "UH": 10, "JI": 12}
    assert Provider.objects.count() == 12
    assert Competency.objects.filter(framework="samhsa").count() == 12
    assert Competency.objects.filter(framework="sb803").count() == 17
    assert Competency.objects.filter(framework="oshpd").count() == 10
    assert Competency.objects.filter(framework="naps").count() == 12
    assert CompetencyItem.objects.filter(competency__framework="samhsa").count() > 40
    riverside = Provider.objects.get(name__startswith="Riverside")
    assert sorted(loc.zip_code for loc in riverside.locations.all()) == ["92201", "92501", "92543"]
    assert all(loc.latitude is not None for loc in ProviderLocation.objects.all())


def test_every_english_label_has_a_spanish_twin():
    load_reference()
    for model in (Specialization, EmployerType, JobTitle, FurtherTraining, Competency):
        missing = model.objects.filter(name_es="").values_list("name", flat=True)
        assert list(missing) == [], model.__name__


def test_admin_edits_survive_a_restart_until_a_newer_file_ships():
    load_reference()
    Provider.objects.filter(slug="werc").update(schedule="Edited by an administrator")
    call_command("load_reference", stdout=io.StringIO())
    assert Provider.objects.get(slug="werc").schedule == "Edited by an administrator"
    call_command("load_reference", "--force", stdout=io.StringIO())
    assert Provider.objects.get(slug="werc").schedule != "Edited by an administrator"


def test_the_example_csv_imports_the_same_providers():
    load_reference()
    before = counts()
    with open(DATA_DIR / "providers.csv", encoding="utf-8") as handle:
        providers = import_provider_csv(handle)
    assert len(providers) == 12
    assert counts() == before
    json_slugs = {
        p["slug"] for p in json.loads((DATA_DIR / "providers.json").read_text())["providers"]
    }
    assert {p.slug for p in providers} == json_slugs


def test_csv_import_adds_a_new_provider_with_structured_fields():
    load_reference()
    csv_text = (
        "slug,name,locations,specializations,methods,modalities,hours\n"
        "new-peers,New Peers Academy,Fresno@93721,PCF|CC,in_person|online_live,cohort,40\n"
    )
    import_provider_csv(io.StringIO(csv_text))
    provider = Provider.objects.get(slug="new-peers")
    assert sorted(s.code for s in provider.specializations.all()) == ["CC", "PCF"]
    assert provider.locations.get().zip_code == "93721"
    assert provider.hours == 40


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("name\nX\n", "missing column(s): slug"),
        ("slug,name\n,X\n", "line 2: slug and name are required"),
        ("slug,name,specializations\nx,X,ZZ\n", "unknown specializations: ZZ"),
        ("slug,name,methods\nx,X,telepathy\n", "unknown methods: telepathy"),
        ("slug,name,locations\nx,X,Fresno\n", "must look like Label@12345"),
        ("slug,name,hours\nx,X,forty\n", "hours must be a whole number"),
    ],
)
def test_csv_import_rejects_bad_rows_and_writes_nothing(csv_text, message):
    load_reference()
    before = counts()
    with pytest.raises(ProviderCsvError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_provider_csv(io.StringIO(csv_text))
    assert counts() == before


def test_import_command_exits_2_with_a_message_on_bad_input(tmp_path, capsys):
    load_reference()
    bad = tmp_path / "bad.csv"
    bad.write_text("slug,name,specializations\nx,X,ZZ\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_providers", str(bad))
    assert exit_info.value.code == 2
