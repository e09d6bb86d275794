"""Spanish commands from verb morphology, for the verdicts' advice check.

    is_command_es("Abre una cuenta de ahorro nomás para el vestido.")  # True
    is_command_es("Trabaja dos turnos y todavía cuida a sus hijos.")   # False

The lexical rules list the commands trainees write most; this module builds
the imperative forms of a list of verbs that advice uses (``VERBS``), so a
command the rules do not list is still seen:

* usted / ustedes commands ("Abra…", "Llame…", "Pidan…"): the present
  subjunctive at the start of a sentence, with no subject and no "que".
  A preterite with its accent ("Llamé…") is not one;
* voseo commands ("Abrí…", "Llamá…", "Poné…");
* any imperative with a pronoun attached ("Pídeselo", "Llámala", "Ábrela"),
  accents or not ("pidele", "llamala");
* negative tú commands ("No llames…", "No abras…");
* tú commands ("Abre…", "Llama…", "Busca…", "Pide…"). These have the shape
  of the third-person present, which is also how usted statements are made
  ("Trabaja dos turnos…" can mean "you work two shifts"). A tú form counts
  as a command unless the sentence reads as a statement: it goes on with
  "que" ("Piensa que…"), speaks of "usted", "su" or "sus", or has a habit or
  time word ("todos los días", "cada", "siempre", "todavía", "ya no"…). A
  lead-in that only a suggestion uses ("mejor", "nomás", "la próxima vez",
  "por favor") or a tú pronoun ("tu", "te", "ti") settles it as a command
  whatever the time words, since a statement to "tú" would say "llamas",
  not "llama". A verb the list does not know counts only with such a cue
  and a first word shaped like a command ("Aprovecha tu descanso").

Matching is on lower-cased text without accents, except where the accent
is what tells two forms apart ("llamé" / "llame").
"""

from __future__ import annotations

import re
from functools import cache

from .content import fold

# Verbs advice uses: "infinitive" or "infinitive:tú-stem:subjunctive-stem"
# for stem-changing and irregular verbs ("pedir:pid:pid" → "pide", "pida").
VERBS = (
    "abrir ahorrar apartar guardar llamar buscar hablar pedir:pid:pid preguntar tomar "
    "dejar intentar tratar probar:prueb:prueb pensar:piens:piens platicar manejar "
    "pagar cambiar usar trabajar descansar caminar respirar escribir anotar apuntar "
    "avisar contar:cuent:cuent comprar gastar cuidar checar revisar mandar enviar "
    "acercar alejar explicar aceptar empezar:empiez:empiec comenzar:comienz:comienc "
    "terminar esperar olvidar perdonar organizar planear programar agendar apagar "
    "borrar bloquear denunciar reportar inscribir solicitar aplicar juntar sacar "
    "cerrar:cierr:cierr regresar volver:vuelv:vuelv acostar:acuest:acuest levantar "
    "bajar subir entregar firmar negociar arreglar limpiar cocinar prestar echar "
    "calmar relajar tranquilizar escuchar comer beber leer mover:muev:muev correr "
    "aprender responder devolver:devuelv:devuelv escoger:escog:escoj proteger:proteg:protej "
    "vender dormir:duerm:duerm elegir:elig:elij decidir recibir asistir consultar "
    "compartir hacer:hac:hag poner:pon:pong tener:tien:teng salir:sal:salg "
    "decir:dic:dig venir:vien:veng traer:tra:traig conocer:conoc:conozc "
    "llevar marcar contestar respetar hablar inventar evitar eliminar quitar "
    "enseñar mostrar:muestr:muestr encontrar:encuentr:encuentr recordar:recuerd:recuerd "
    "cortar dedicar practicar visitar invitar ofrecer:ofrec:ofrezc "
    "agradecer:agradec:agradezc tirar vaciar separar preparar acompañar mantener:manten:manteng"
)
# Imperatives that are not "stem + ending".
IRREGULAR_TU = {
    "hacer": "haz",
    "poner": "pon",
    "tener": "ten",
    "salir": "sal",
    "decir": "di",
    "venir": "ven",
    "mantener": "manten",
}
# Tú forms that open statements too often to be read as commands on shape alone.
NOT_TU_COMMANDS = frozenset(
    {
        "pasa",
        "queda",
        "sigue",
        "cuenta",
        "tiene",
        "dice",
        "piensa",
        "hace",
        "pone",
        "sale",
        "viene",
        "trae",
        "conoce",
        "cree",
        "ve",
    }
)
# "Cuéntame", "Déjame", "Llámame" ask something of the person for the
# speaker: an invitation, not advice. So "me" is not among these.
_CLITICS = (
    "selo",
    "sela",
    "selos",
    "selas",
    "telo",
    "tela",
    "le",
    "les",
    "lo",
    "la",
    "los",
    "las",
    "te",
    "nos",
    "se",
)
_SUBJUNCTIVE_SPELLING = (("car", "qu"), ("gar", "gu"), ("zar", "c"))


@cache
def _forms() -> dict[str, frozenset[str]]:
    tu, usted, voseo, negative = set(), set(), set(), set()
    for entry in VERBS.split():
        infinitive, *stems = entry.split(":")
        root, ending = infinitive[:-2], infinitive[-2:]
        tu_stem = stems[0] if stems else root
        subj_stem = stems[1] if stems else root
        if not stems:
            for tail, spelled in _SUBJUNCTIVE_SPELLING:
                if infinitive.endswith(tail):
                    subj_stem = infinitive[:-3] + spelled
        tu.add(IRREGULAR_TU.get(infinitive, tu_stem + ("a" if ending == "ar" else "e")))
        subjunctive = subj_stem + ("e" if ending == "ar" else "a")
        usted.update({subjunctive, subjunctive + "n"})
        negative.add(subjunctive + "s")
        voseo.add(root + {"ar": "a", "er": "e", "ir": "i"}[ending])
    return {
        "tu": frozenset(tu),
        "usted": frozenset(usted),
        # Folded voseo of -ar verbs is the tú form ("llamá" → "llama").
        "voseo": frozenset(voseo - tu),
        "negative": frozenset(negative),
    }


# Lead-ins that only a suggestion uses: they settle a tú form as a command.
_SUGGESTION_LEAD = re.compile(
    r"^(?:(?:mejor|nomas|nada mas|la proxima vez|la otra vez|por favor|porfa|primero|"
    r"ahorita|hoy mismo|de una vez|simplemente|tan solo|oye|mira|ya)\b,?\s+)+"
)
# Lead-ins that leave the question open.
_PLAIN_LEAD = re.compile(r"^(?:(?:y|pues|bueno|entonces|ahora|hoy|manana|luego|despues)\b,?\s+)+")
_STATEMENT = re.compile(
    r"\b(?:usted|su|sus|suya|suyo|todos los|todas las|cada|siempre|todavia|aun|ya no|"
    r"diario|seguido|desde)\b"
)
_TU_PRONOUN = re.compile(r"\b(?:tu|tus|te|ti|contigo|vos)\b")
_SUGGESTION_TAIL = re.compile(r"\b(?:nomas|por favor|porfa|de una vez|y ya)\b")


def _split_clitic(word: str, forms: frozenset[str]) -> bool:
    return any(word.endswith(clitic) and word[: -len(clitic)] in forms for clitic in _CLITICS)


def is_command_es(sentence: str) -> bool:
    """A Spanish sentence that opens with a command form of a known verb."""
    raw = sentence.strip().lstrip("¡¿").strip()
    if not raw or raw.rstrip(" .!\"'”)").endswith("?"):
        return False
    folded = fold(raw)
    suggestion = _SUGGESTION_LEAD.match(folded)
    rest = folded[suggestion.end() :] if suggestion else folded
    plain = _PLAIN_LEAD.match(rest)
    rest = rest[plain.end() :] if plain else rest
    tokens = re.findall(r"[a-zñ]+", rest)
    if not tokens:
        return False
    first, after = tokens[0], tokens[1:]
    forms = _forms()
    if first == "no" and after:
        return after[0] in forms["negative"] or (
            len(after) > 1
            and after[0] in ("te", "le", "les", "lo", "la", "los", "las", "se", "me")
            and after[1] in forms["negative"]
        )
    raw_first = _raw_word(raw, len(tokens[0]), folded, rest)
    if first in forms["usted"]:
        # "Llamé" (I called) is a preterite, not "Llame" (call).
        return not raw_first.endswith("é") and (not after or after[0] != "que")
    if first in forms["voseo"] and raw_first[-1:] in ("á", "é", "í"):
        return True
    if first in forms["voseo"] and first.endswith("i") and len(first) > 3:
        return True  # texting voseo without the accent: "abri la cuenta"
    everything = forms["tu"] | forms["usted"] | forms["voseo"]
    if len(first) > 4 and _split_clitic(first, everything):
        return True  # "pídeselo", "llámala", "ábrela"
    if after and after[0] == "que":
        return False
    text = " ".join(tokens)
    cued = suggestion or _TU_PRONOUN.search(text) or _SUGGESTION_TAIL.search(text)
    if first not in forms["tu"]:
        # A verb the list does not know: only its shape and a cue tell
        # ("Aprovecha tu descanso", "Mejor organiza la semana").
        return bool(cued) and _unknown_tu_command(first) and not _STATEMENT.search(text)
    if cued:
        return not re.search(r"\b(?:usted|su|sus)\b", text)
    if first in NOT_TU_COMMANDS:
        return False
    return not _STATEMENT.search(text)


def _raw_word(raw: str, length: int, folded: str, rest: str) -> str:
    """The first word of `rest` as typed, accents kept (when folding kept lengths)."""
    if len(raw) != len(folded):
        return rest.split(" ", 1)[0]
    start = len(folded) - len(rest)
    return raw[start : start + length].lower()


def reads_as_statement(sentence: str) -> bool:
    """A sentence whose third-person-shaped opening verb tells rather than directs.

    "Trabaja dos turnos y todavía cuida a sus hijos." speaks of usted and of
    a habit; with no suggestion lead-in and no tú pronoun it is a statement.
    """
    folded = fold(sentence.strip().lstrip("¡¿"))
    if _SUGGESTION_LEAD.match(folded):
        return False
    text = " ".join(re.findall(r"[a-zñ]+", folded))
    return bool(_STATEMENT.search(text)) and not _TU_PRONOUN.search(text)


def _unknown_tu_command(word: str) -> bool:
    from .content import looks_like_command_es

    # "Platícame", "Déjame", "Siéntese": invitations and courtesies, not advice.
    return (
        len(word) > 4
        and word.endswith(("a", "e"))
        and not word.endswith(("me", "se"))
        and looks_like_command_es(word)
    )
