"""Spanish command forms, praise outside the old lexicon, plain reflections in
the affirmation exercise and simple reflections in the complex one."""

import pytest

from peerpath.practice import verdict as verdict_module
from peerpath.practice.coach import content
from peerpath.practice.coach.classifier import Classification
from peerpath.practice.coach.commands_es import is_command_es


@pytest.mark.parametrize(
    ("sentence", "command"),
    [
        # tú commands the rules do not list, with and without lead-ins
        ("Abre una cuenta de ahorro nomás para el vestido.", True),
        ("Prepara la comida los domingos.", True),
        ("Mejor busca otro trabajo.", True),
        ("Ya habla con ella.", True),
        ("Llama a tu hermana.", True),
        # pronouns attached, accents or not
        ("Pídeselo a tu jefe.", True),
        ("llamala hoy", True),
        ("Ábrela mañana.", True),
        # voseo
        ("Abrí una cuenta.", True),
        ("Hablá con tu jefe.", True),
        # usted / ustedes
        ("Llame a su doctor.", True),
        ("Pidan ayuda en la escuela.", True),
        ("No llames a tu ex.", True),
        ("Deja el vape en la casa cuando vayas a la escuela.", True),
        # a verb the list does not know, with a cue
        ("Aprovecha tu descanso.", True),
        ("Mejor organiza la semana.", True),
        # near misses: statements that must stay statements
        ("Llamé a mi doctor.", False),
        ("Trabaja dos turnos y todavía cuida a sus hijos.", False),
        ("Cuida a su mamá todas las noches.", False),
        ("Habla de su hija con mucho cariño.", False),
        ("Piensa que nadie la entiende.", False),
        ("Cuéntame más.", False),
        ("Déjame ver si te entendí.", False),
        ("¿Abre la tienda temprano?", False),
        ("Sigue yendo al grupo.", False),
        ("Platícame cómo te fue.", False),
        ("Aprovecha el tiempo con sus nietos.", False),
        ("Organiza la semana desde el domingo.", False),
    ],
)
def test_spanish_command_forms(sentence, command):
    assert is_command_es(sentence) is command


def test_usted_statements_without_usted_do_not_keep_a_models_advice():
    assert not content.has_directive_form_es("Trabaja dos turnos y todavía cuida a sus hijos.")
    assert content.has_directive_form_es("Usa un calendario para no faltar nunca.")


@pytest.mark.parametrize(
    ("response", "generic"),
    [
        ("¡Qué lindo!", True),
        ("¡Bien por ti!", True),
        ("¡Así se hace!", True),
        ("¡Bacán!", True),
        ("¡Qué padre, felicidades!", True),
        ("Bien hecho.", True),
        # near misses: praise that names the act, and "padre" the noun
        ("Qué lindo que llamaste a tu hija en vez de quedarte solo.", False),
        ("Felicidades por terminar la prepa aunque trabajabas de noche.", False),
        ("Tu padre te apoya.", False),
    ],
)
def test_spanish_praise_lexicon(response, generic):
    client = "Terminé la prepa y llamé a mi hija."
    assert content.is_generic_praise(response, client) is generic


def _model(label, subtype=None):
    return Classification(label=label, subtype=subtype, confidence=0.7, source="model")


BOSS_ES = "Le dije a mi jefe que necesito los viernes para la terapia de mi niño y me dijo que sí."


@pytest.mark.parametrize(
    ("response", "meets"),
    [
        ("Le pediste a tu jefe los viernes.", False),
        ("Fuiste a tu cita.", False),
        # near misses: an effort, a value or an act of agency is named
        ("Hablaste en el trabajo por lo que necesita tu niño.", True),
        ("Te organizaste y pediste los viernes.", True),
        ("Pediste los viernes aunque te daba miedo.", True),
        ("Te importa estar en la terapia de tu niño.", True),
    ],
)
def test_affirmation_must_name_more_than_what_happened(response, meets):
    problems = verdict_module.find_problems("affirmation", BOSS_ES, response, _model("affirmation"))
    assert (not problems) is meets, problems


def test_a_rules_affirmation_is_trusted():
    rule = Classification(label="affirmation", subtype=None, confidence=0.9, source="rule")
    assert not verdict_module.find_problems("affirmation", BOSS_ES, "Le pediste a tu jefe.", rule)


SON_ES = "A mi hijo lo aceptaron en una universidad en otro estado y no sé cómo dejarlo ir."
NIGHTS_ES = "Trabajo de noche en la bodega y casi no veo a mi hija cuando duerme."
SON_EN = "My son got accepted to a college in another state and I don't know how to let him go."


@pytest.mark.parametrize(
    ("client", "response", "subtype", "complex_"),
    [
        # called complex, but only the person's words
        (SON_ES, "Lo aceptaron en una universidad de otro estado.", "complex", False),
        (SON_EN, "He got accepted to a college in another state.", "complex", False),
        (SON_ES, "Estás orgulloso y también te duele que se vaya.", "complex", True),
        # called simple, but a new feeling word or two sides with something new
        (SON_ES, "Vas a extrañarlo, pero también quieres que vuele.", "simple", True),
        (SON_EN, "Part of you is proud of him, and part of you is scared.", "simple", True),
        (SON_ES, "Lo aceptaron en otro estado y no sabes cómo dejarlo ir.", "simple", False),
        (SON_EN, "He got into a college and you don't know how to let him go.", "simple", False),
        # what it costs the person, and two sides that open short
        (NIGHTS_ES, "Sigues adelante, pero trabajar de noche te está costando.", "simple", True),
        (NIGHTS_ES, "Trabajas de noche, pero tu hija duerme.", "simple", False),
    ],
)
def test_complex_reflections_are_checked_against_content(client, response, subtype, complex_):
    c = _model("reflection", subtype)
    assert verdict_module.is_complex(client, response, c) is complex_
