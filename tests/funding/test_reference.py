"""The bundled programme data: every measure loaded has a name, and where the source gives only a number the
name says it is to be verified, with the source, instead of inventing one."""

from zit.funding import services
from zit.funding.models import Measure
from zit.funding.reference import load_reference


def test_every_measure_of_the_loaded_programme_has_a_name(funding_data):
    programme = funding_data["programme"]
    measures = list(Measure.objects.filter(programme=programme))
    assert measures and all(m.name_pl.strip() for m in measures)
    unnamed_in_source = Measure.objects.get(programme=programme, number="6.10")
    assert unnamed_in_source.name_pl.startswith(
        "nazwa do weryfikacji (źródło: https://funduszeue.wielkopolskie.pl/"
    )
    assert str(unnamed_in_source).startswith("6.10 nazwa do weryfikacji")
    named = Measure.objects.get(programme=programme, number="10.4")
    assert named.name_pl == "Zregenerowane środowisko przyrodnicze"


def test_a_name_confirmed_by_staff_survives_the_next_load(funding_data):
    programme = funding_data["programme"]
    measure = Measure.objects.get(programme=programme, number="6.10")
    services.measure_save(actor=None, programme=programme, measure=measure, name_pl="Nazwa z SZOP (test)")
    load_reference()
    measure.refresh_from_db()
    assert measure.name_pl == "Nazwa z SZOP (test)"
