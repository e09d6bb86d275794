"""Tell Spanish turns from English ones, so each goes to coding that can read it.

    >>> detect_language("¿Cómo te fue con tu jefe?")
    'es'
    >>> detect_language("How did it go with your boss?")
    'en'

Trainees type in English, in Spanish, or in a mix of both. A turn is Spanish
when its Spanish evidence outweighs its English evidence:

* one point for each common Spanish or English function word (articles,
  pronouns, prepositions, auxiliaries, question words, a few texting forms such
  as "q", "pq", "u", "gonna"); words that are common in both languages ("a",
  "no", "me", "he", "has", "solo"…) count for neither;
* one more point for Spanish for each other word spelt with ñ, an accented
  vowel or ü, or with an ending English hardly has ("-mente", "-cion",
  "-iendo", "-ando", "-arte", "-irme"…), since trainees often type Spanish
  without its accents but rarely type English with them; one more point for
  English for each other word ending in "-ing";
* two points for Spanish when the text uses ¿ or ¡.

A tie, or no evidence at all, counts as English: that keeps English behaviour
exactly as it was for anything ambiguous. Spanish-influenced English ("Mija,
you have to take care of yourself first") stays English, and Spanglish that
leans Spanish ("la neta no sé, my boss anda bien raro conmigo") is Spanish.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "es"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Function words and very common short forms. Words that are frequent in both
# languages are left out of both sets.
_SPANISH = _word_set(
    """
    de del la las el los lo le les un una unos unas al y e o que qué q
    en con por para pa sobre entre hasta desde hacia según
    es eres soy somos está estás esta estas estoy estamos están estar estaba
    estabas estuve estuviste era eras fui fuiste fue ser sido hemos han haber
    había habías hay tengo tienes tiene tenemos tienen tener tenía tenías
    puedo puedes puede podemos pueden poder podría podrías quiero quieres quiere
    querer voy vas va vamos iba ibas hago haces hace hacer hiciste dijo dije
    dijiste digo dices sé sabes sabe saber creo crees siento sientes sientas
    yo tú tu tus mi mis te ti se nos nosotros nosotras ella ellas ellos él
    usted ustedes conmigo contigo su sus mí
    este esto ese eso esa esos esas aquel aquella
    pero porque porqué pq xq porq cuando cuándo como cómo donde dónde
    cual cuál cuales cuáles quien quién quienes cuanto cuánto cuanta cuánta
    cuantos cuántos cuantas cuántas
    muy más mas tanto también tampoco nunca siempre todavía aún
    aquí aqui ahí ahi allá alla así asi bien mal nada algo todo toda todos todas
    otro otra otros otras mucho mucha muchos muchas poco poca pocos cada
    ahora ahorita hoy ayer mañana semana luego entonces pues pos bueno
    verdad cierto sí si tmb tb oye mira cuéntame cuentame neta nomás
    nomas wey güey órale orale nel gracias hola
    necesito necesitas necesita debo debes debe debería deberías deberias gusta
    gustaría gustaria encanta encantaría ojalá ojala vez veces cosa cosas gente
    dinero trabajo escuela familia noche día días amigos mejor peor menos casi
    después despues tiempo ganas hablar habla llamar llama intenta intentar busca
    buscar toma tomar deja dejar ir salir dormir trabajar ahorrar pasó paso dile
    """
)
_ENGLISH = _word_set(
    """
    the an and or but of to in on at for with about from by into out up over
    is are was were be been being am isn't aren't wasn't weren't
    i you he's she she's it it's we they them their theirs our ours us my your
    yours his her hers its i'm im i've ive i'd i'll you're youre you've you'd
    you'll they're we're that's thats what's whats there's
    this that these those what how why when where who which whom
    do does did don't dont doesn't didn't can can't cant could couldn't would
    wouldn't should shouldn't will won't wont have haven't had hasn't
    just so not really very like if then than also too still even
    gonna wanna gotta kinda ima u ur
    get got go going went know think want feel felt say said tell make
    yeah okay sounds seems been
    every all some any more most one two time day night week last next back
    now here there make makes made take took work works thing things people
    good bad much many lot need needs help want wants came see saw let let's
    try keep stop after before because cause cuz since until again never always
    maybe probably already right well sure sorry thanks please idk tbh ngl lol
    """
)
_SPANISH_LETTERS = re.compile(r"[ñáéíóúü]")
# Endings English words (almost) never have: -mente adverbs, -ción nouns typed
# without the accent, gerunds and infinitives with a pronoun attached.
_SPANISH_ENDING = re.compile(r"..(?:mente|cion|iendo|ando|arte|erte|irte|irse|arme|erme|irme)$")
_WORD = re.compile(r"[a-zñáéíóúü]+(?:'[a-z]+)?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def language_scores(text: str) -> tuple[float, float]:
    """(Spanish, English) evidence for a text; see the module docstring."""
    lowered = text.translate(_QUOTES).lower()
    spanish = 2.0 if ("¿" in lowered or "¡" in lowered) else 0.0
    english = 0.0
    for word in _WORD.findall(lowered):
        if word in _SPANISH:
            spanish += 1
        elif word in _ENGLISH:
            english += 1
        elif _SPANISH_LETTERS.search(word) or _SPANISH_ENDING.search(word):
            spanish += 1
        elif len(word) > 4 and word.endswith("ing"):
            english += 1
    return spanish, english


def detect_language(text: str) -> Language:
    """'es' when the text leans Spanish, else 'en' (ties and empty text included)."""
    spanish, english = language_scores(text)
    return "es" if spanish > english else "en"


__all__ = ["Language", "detect_language", "language_scores"]
