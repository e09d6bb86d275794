"""What a response says, as opposed to what kind of turn it is.

Pure functions on plain strings, for English and Spanish:

* ``content_stems(text)``: the content words of a text, stemmed, with
  function words and the words every MI response uses ("feel", "sounds")
  left out;
* ``overlap(client, response)``: which content of the response also appears
  in what the person said, matching stems and a small list of synonyms
  (job ~ work ~ chamba, mom ~ mamá …);
* ``is_generic_praise(response, client)``: praise ("good job", "¡excelente!")
  that names no strength, effort, value or act of the person;
* ``is_question_form(response)``: a turn that ends as a question ("?", a
  leading "¿", or English auxiliary-first syntax);
* ``mirror(client)``: the person's first statement about themselves, turned
  round to the second person ("I haven't missed…" → "you haven't missed…"),
  for suggestions built from their own words;
* ``narrates`` / ``addresses_person``: a statement about what the person did,
  does or feels ("Llamaste…", "Le lees a tu hijo…", "Usted quiere…");
* ``has_directive_form_es`` / ``has_directive_form_en``: whether any sentence
  has a modal, a suggestion or a command form, which advice needs;
* ``is_summary_form``: several things said back, closed by a short check.

Nothing is downloaded: the stemmer is a light suffix-stripper that keeps the
first five letters, which is enough to match "calling" with "called" and
"trabajando" with "trabajo".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from .language import detect_language

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_WORD = re.compile(r"[a-zñ0-9]+(?:'[a-z]+)?")


def fold(text: str) -> str:
    """Lower-case, straighten quotes, drop accents (keeping ñ)."""
    text = text.translate(_QUOTES).lower().replace("ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text.replace("\0", "ñ")).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words of both languages, texting forms, fillers and the words
# almost every MI response uses, so they say nothing about the topic.
STOPWORDS = _set(
    # English function words and contractions
    "a an the and or but so if then than that this these those there here it its it's "
    "i i'm im i've i'd i'll me my mine myself you you're youre you've you'd you'll your "
    "yours yourself u ur he she him her his hers they them their we us our one ones "
    "is are was were be been being am do does did doing done don't dont didn't didnt "
    "doesn't have has had having haven't hasn't hadn't can can't cant could couldn't will "
    "won't would wouldn't should shouldn't must might may shall gonna wanna gotta "
    "of to in on at by for with about from into onto over under up down out off as "
    "not no nor yes yeah yep nope ok okay oh well just really very so too also even "
    "still yet again ever never always already now then much many more most some any "
    "all both each every other another such own same what whats what's how hows how's "
    "why when where who whom which while because since until till though although "
    "like kind kinda sort sorta thing things stuff lot lots bit way something anything "
    "everything nothing someone anyone everyone get got getting go going goes went gone "
    "make made makes making take took taking takes say said saying says tell told "
    "let lets let's put come came keep kept give gave know knew think thought want "
    "wanted need needed seem seems seemed sound sounds sounded feel feels feeling felt "
    "mean means meant part hear heard hearing see saw look looks looking right "
    "maybe actually pretty quite lol tbh fr ngl idk bro man dude girl mija mijo hey "
    "hmm um uh wow sure true real totally literally basically honestly "
    "time times day days week today tonight yesterday tomorrow "
    # Spanish function words, texting forms and fillers
    "el la los las lo un una unos unas y e o u pero sino si no ni que q k de del al a "
    "en con sin por para pa pal sobre entre hasta desde hacia contra como cuando donde "
    "quien quienes cual cuales cuanto cuanta cuantos cuantas porque pq xq ya aun "
    "aunque mas muy tan tanto tanta mucho mucha muchos muchas poco poca otro otra "
    "otros otras todo toda todos todas nada algo alguien nadie cada mismo misma "
    "yo tu vos usted ustedes el ella ellos ellas nosotros me te se le les nos mi mis "
    "tus su sus nuestro nuestra conmigo contigo ti si este esta esto estos estas ese "
    "esa eso esos esas aquel aqui ahi alla alli entonces pues bueno pos osea ok "
    "es son era eran fue fueron ser sido estar estoy estas esta estamos estan estaba "
    "estuve estuvo he has ha han hemos habia hay haber tengo tienes tiene tenemos "
    "tienen tenia tuve tuvo hago haces hace hacer hice hizo voy vas va vamos van ir "
    "fui puedo puedes puede podria quiero quieres quiere digo dices dice dijo dije "
    "decir creo crees cree pienso piensas siento sientes sentir sentiste sientas "
    "suena parece parecer escucho oigo veo ves vez veces cosa cosas manera forma "
    "asi bien mal solo sola nomas neta verdad bueno claro pues igual tipo como "
    "dia dias semana hoy ayer manana ahora ahorita luego despues antes siempre nunca "
    "sea sean seria estes estar este parte lado "
    # Words of any open question or plan, whatever the subject
    "situation situations plan plans change changes changing help helps helped happen "
    "happened happening different difference better worse best worst hardest easier "
    "harder easiest next first last lately recently future road moment point "
    "situacion plan planes cambio cambiar cambiaras ayuda ayudar ayudaria pasar paso "
    "pasado pasa diferente mejor peor facil dificil siguiente primero ultimo momento "
    "futuro falta haria hacer podria tendria "
)

# Words that name a feeling, a meaning or an MI move: a reflection or an
# affirmation may add them without changing the subject.
MI_WORDS = _set(
    "hard tough difficult heavy stressful stressed stress exhausting exhausted tired "
    "worn overwhelmed overwhelming frustrated frustrating angry mad upset sad scared "
    "afraid worried worry worrying anxious nervous lonely alone hurt hurts proud "
    "happy glad relieved hopeful hope torn stuck confused unsure ready excited "
    "important matters matter care cares caring value values worth mind heart "
    "yourself someone person people life much enough big whole side sides "
    "difficil duro dura pesado pesada cansado cansada agotado agotada frustrado "
    "frustrada enojado enojada triste miedo preocupado preocupada preocupa "
    "nervioso nerviosa solo sola dolido orgulloso orgullosa feliz contento "
    "contenta aliviado esperanza listo lista importante importa importan valor "
    "valoras vida persona corazon cabeza grande harto harta "
    # Abstract words about the person, their choices and their values
    "choice choices choose chose decision decide decided boundary boundaries control "
    "peace safe safety support supported voice prepared word promise trust trusted "
    "wellbeing well being health healthy future goal goals someone family love loved "
    "yourself own self step steps stepping stepped forward space room pressure "
    "confident confidence sure certain motivated motivation reason reasons "
    "everything anything nothing means mean meaning deserve deserves respect "
    "eleccion elegiste decision decidiste limite limites control paz seguro segura "
    "seguridad apoyo voz preparado preparada palabra promesa confianza confiaste "
    "bienestar salud meta metas familia amor quieres propio propia paso pasos "
    "espacio presion motivacion razon razones todo significa mereces respeto "
    "solucion manera salida cuenta cargo cuidado solitario solitaria atrasado "
    "atrasada dividido dividida celos dudar duda doubt wonder stretched torn "
    "lonely behind jealous jealousy "
    # What something costs the person
    "cuesta cuestan costando costo cueste desgastando desgastado desgastada desgaste "
    "agotador agotadora draining drained wearing costing"
)

# A named strength, effort or value: what turns praise into an affirmation.
STRENGTH_WORDS = _set(
    "courage courageous brave bravery strength strong determined determination "
    "commitment committed dedication dedicated effort efforts persistence persistent "
    "persevere perseverance resilient resilience honest honesty responsible "
    "responsibility discipline disciplined patience patient caring care cared "
    "protect protecting value values matters matter important priority priorities "
    "hard grit guts focus focused consistent consistency integrity initiative "
    "took takes taking stuck kept keep showed shows show showing stood despite "
    "valor valiente valentia fuerza fuerte determinacion compromiso comprometido "
    "comprometida dedicacion esfuerzo esfuerzas esforzaste constancia constante "
    "perseverancia honestidad honesto honesta responsable responsabilidad "
    "disciplina paciencia cuidar cuidas cuidaste importa importan prioridad "
    "demostraste demuestra muestra muestras mostraste seguiste sigues aguantaste "
    "lograste luchado luchaste aunque enfoque ganas"
)

# Small synonym groups (both languages, texting forms), matched on stems.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    _set(group)
    for group in (
        "job jobs work working shift shifts boss manager trabajo trabajar chamba jale "
        "jefe jefa career carrera specialist especialista empleo vacante gerente supervisor "
        "resume résumé curriculum application applications solicitud interview entrevista "
        "supervisora turno turnos coworker coworkers",
        "school class classes college teacher homework test exam grade grades escuela "
        "clase clases colegio prepa maestro maestra tarea examen calificaciones math "
        "matematicas",
        "mom mother mama madre amá jefita parents padres dad father papa padre apá jefito "
        "kid kids son daughter baby child children hijo hija hijos bebe niño niña niños "
        "family familia brother sister hermano hermana hermanito parent boy muchacho muchacha "
        "chamaco chamaca morro morra nene nena pregnant embarazada embarazo",
        "drink drinking drunk beer alcohol bar liquor tomar tomando cerveza chupe chupar pisto",
        "smoke smoking weed vape vaping vapes high joint fumar fumo mota vapear vapeador cigarro "
        "cigarros cigarette cigarettes nicotine nicotina",
        "use using drugs relapse sober sobriety clean recovery drogas recaida sobrio "
        "sobria limpio limpia recuperacion sponsor meeting meetings aa na padrino madrina "
        "reunion",
        "meds medication medicine pills medicamento medicina pastillas medicamentos",
        "money rent pay paycheck bills cash broke dinero renta paid pagaron pagan feria "
        "lana pago cheque biles cuentas alquiler gastos gasto deuda deudas debt fees cargos "
        "recargos tarjeta afford expenses dollars dolares bucks save saving savings "
        "ahorrar ahorro ahorros ahorrando budget presupuesto manutencion",
        "sleep sleeping tired insomnia bed awake night nights dormir duermo durmiendo "
        "dormido despierta despierto desvelada desveladas noches sueño cansado cansada "
        "desvelado cama",
        "court probation po parole judge officer check corte probatoria oficial juez "
        "hearing audiencia lawyer abogado abogada attorney custody custodia",
        "sponsor meeting meetings group aa na padrino madrina grupo reunion",
        "house home apartment place couch room landlord housing casa depa departamento "
        "cuarto sillon vivienda roommate roommates roomie",
        "friend friends homie homies amigo amiga amigos compas compa junta juntas "
        "juntarme hang hanging alone lonely solo sola solitario solitaria",
        "partner girlfriend boyfriend wife husband novia novio esposa esposo pareja breakup ex "
        "relationship relacion",
        "training certification course program capacitacion curso certificacion programa "
        "entrenamiento",
        "doctor clinic therapist therapy counselor doctora clinica terapeuta terapia "
        "consejero consejera",
        "car bus ride carro camion troca raite driving manejar manejo license licencia uber lyft",
        "phone call called calling text texted llamar llame llamada llamaste telefono cel mensaje "
        "celular cellphone mensajes texts",
        "quit stop stopped dejar deje dejaste parar",
        "beach park movie movies party weather vacation trip concert mall shopping tv "
        "show playa parque pelicula peliculas fiesta clima vacaciones viaje concierto tienda "
        "tele restaurant restaurante",
        "football soccer basketball baseball gym team practice coach sport sports workout "
        "futbol basquet beisbol gimnasio equipo entrenamiento entrenador entrenadora deporte "
        "partido game games juego",
        "dog dogs cat cats puppy pet pets perro perros perrito gato gatos mascota",
        "food dinner lunch breakfast pizza eat eating snack snacks cook cooking meal meals "
        "comida cena almuerzo desayuno comer comiendo cocinar antojos",
        "church pray praying prayer god faith bible mass iglesia rezar rezando oracion dios biblia",
        "pain insulin diabetes shot shots injection injections health hospital "
        "dolor espalda insulina inyeccion inyecciones enfermo enferma salud",
        "immigration papers visa asylum migracion papeles asilo residencia inmigracion",
        "delivery deliveries app gig gigs doordash instacart reparto repartos entregas entrega",
        "fight fighting fights argue arguing argument arguments yelling yell pelear peleando "
        "pleito pleitos discutir discusion gritos gritar",
        "dishes chores laundry trastes quehaceres ropa",
        "crisis hotline suicide suicidal linea suicidio",
        "wedding boda birthday graduation graduacion quinceañera",
        "online instagram tiktok facebook redes internet",
    )
)

_ES_SUFFIXES = (
    "amente",
    "mente",
    "aciones",
    "acion",
    "iendo",
    "ando",
    "ados",
    "adas",
    "idos",
    "idas",
    "aste",
    "iste",
    "aron",
    "ieron",
    "aba",
    "ado",
    "ada",
    "ido",
    "ida",
    "ar",
    "er",
    "ir",
    "os",
    "as",
    "es",
    "o",
    "a",
    "e",
)
_EN_SUFFIXES = ("'s", "ing", "ed", "es", "ly", "s")
# Longest first, so "citas" and "cita" both lose their ending ("cit").
_SUFFIXES = tuple(sorted(_EN_SUFFIXES + _ES_SUFFIXES, key=len, reverse=True))


# Spanish diminutives and agent nouns, stripped before the inflection:
# "perrito" ~ "perro", "vapeador" ~ "vape".
_ES_DERIVATIONS = (
    "itos",
    "itas",
    "ito",
    "ita",
    "adores",
    "adoras",
    "adora",
    "ador",
)


def stem(word: str) -> str:
    """A light stem shared by both languages: strip a suffix or two, keep five letters."""
    w = word.replace("'s", "")
    for suffix in _ES_DERIVATIONS:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:5]


_FAMILY_GROUP = next(i for i, group in enumerate(SYNONYMS) if "familia" in group)


@cache
def _synonym_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for group_number, group in enumerate(SYNONYMS):
        for word in group:
            index.setdefault(stem(fold(word)), group_number)
    return index


# "Broke up" is about a partner, not money.
_BREAKUP = re.compile(r"\bbr(?:oke|eak|eaking|eaks) ?up\b")


def content_words(text: str) -> list[str]:
    text = _BREAKUP.sub("breakup", fold(text))
    # "son" is a verb in Spanish ("they are") but a child in English.
    keep = {"son", "sons"} if "son" in text and detect_language(text) == "en" else set()
    return [w for w in words(text) if (w not in STOPWORDS or w in keep) and len(w) > 1]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def _concepts(stems: set[str]) -> set[str]:
    index = _synonym_index()
    return stems | {f"#{index[s]}" for s in stems if s in index}


def overlap(client: str, response: str) -> set[str]:
    """Stems (or synonym groups, as "#n") the response shares with the client."""
    return _concepts(content_stems(client)) & _concepts(content_stems(response))


@cache
def _person_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in MI_WORDS | STRENGTH_WORDS)


def topical_stems(response: str) -> set[str]:
    """Content stems of the response that are not feeling, meaning or MI words."""
    return content_stems(response) - _person_stems()


def is_off_topic(client: str, response: str, strict: bool = False) -> bool:
    """The response brings its own subject and shares nothing with what was said.

    A response that speaks of a feeling, a value, a strength or a choice
    ("That sounds hard.", "You set a boundary, and that took courage.") is
    not called off topic: it is about the person, which is the point. With
    `strict` (simple reflections, which say back the person's own content),
    any two subject words and none of theirs is enough.
    """
    if not content_stems(client):
        return False
    stems = content_stems(response)
    if overlap(client, response):
        return False
    if strict and len(topical_stems(response)) >= 2:
        return True
    index = _synonym_index()
    subjects = {index[s] for s in topical_stems(response) if s in index}
    # Both name a known subject (work, a court date, the dog…) and not the
    # same one: the response is about something else, whatever feeling it
    # names ("You're nervous about the custody hearing" to "I got a puppy").
    # Family words are left out: a reflection often names the people behind
    # what was said ("Taking care of your family matters…").
    named = subjects - {_FAMILY_GROUP}
    if named and not is_question_form(response) and any(s in index for s in topical_stems(client)):
        return True
    if stems & _person_stems():
        return False
    # Otherwise only a response that names a known subject the person did not
    # bring up is flagged: new verbs and abstract words ("what would a good
    # living situation look like") are not.
    return bool(subjects)


# Praise that judges rather than describes. Matched on folded text.
_ADJECTIVE = (
    r"(?:good|great|nice|awesome|amazing|excellent|fantastic|wonderful|perfect|"
    r"outstanding|incredible|terrific|super|cool|sweet|dope|fire|solid|impressive|"
    r"brilliant)"
)
_PRAISE = re.compile(
    rf"(?:^[¡\s]*|[.!,;¡]\s*|\b(?:that'?s|that is|it'?s|so|very|really|super|pretty|how|sounds)\s+)"
    rf"{_ADJECTIVE}\b"
    rf"|\b{_ADJECTIVE} (?:job|work|stuff|going|one|for you)\b"
    r"|\bwell done\b|\bway to go\b|\bproud of (?:you|u)\b|\bkeep (?:it|that) up\b"
    r"|\bkeep up the good work\b|\bcongrat(?:s|ulations)\b|\bkudos\b|\bbravo\b|\byay\b"
    r"|\byou rock\b|\blove (?:that|it|this)\b|\bgood for you\b|\bnicely done\b"
    r"|\bbuen trabajo\b|\bbien hecho\b|\bmuy bien\b|\bque bien\b|\bque bueno\b"
    r"|\bque padre\b|\bque chido\b|\bexcelente\b|\bgenial\b|\bincreible\b|\bfelicidades\b"
    r"|\bfelicitaciones\b|\bfantastico\b|\bmaravilloso\b|\bperfecto\b|\bchido\b"
    r"|\borgullos[oa] de (?:ti|usted)\b|\bsigue asi\b|\besa es la actitud\b|\beso es\b"
    r"|\bsuper bien\b|\bbien ahi\b|\bbuenisimo\b|\bpadrisimo\b"
    r"|\bque (?:lind[oa]|bonit[oa]|chever[ea]|bacan|padre|maravilla|buena onda|orgullo|gusto)\b"
    r"|\b(?:muy|bien|esta|super) (?:padre|chido|lindo|bonito)\b|\bbacan[oa]?\b|\bchever[ea]\b"
    r"|\bbien por (?:ti|usted|vos)\b|\basi se hace\b|\beso mero\b|\bbravo\b"
)
# What is left of a praise-only turn: pronouns, "that's", "so", "really", "job"…
_PRAISE_FILLER = _set(
    "job work keep it up that's thats that is was so really very totally you u man bro "
    "girl dude of for am i i'm im so proud super such great good wow yes yay again "
    "continue seguir sigue asi de ti que eso esto es muy buen trabajo bien estoy "
    "orgulloso orgullosa te felicito hiciste hecho tu lo"
)


def has_praise(response: str) -> bool:
    return bool(_PRAISE.search(fold(response)))


def names_something(response: str, client: str) -> bool:
    """The response names a strength, effort, value, or an act the person told about."""
    rest = _PRAISE.sub(" ", fold(response))
    rest_words = [w for w in content_words(rest) if w not in _PRAISE_FILLER]
    if any(stem(w) in {stem(s) for s in STRENGTH_WORDS} for w in rest_words):
        return True
    if not rest_words:
        return False
    if not content_stems(client):
        return len(rest_words) >= 2
    return bool(overlap(client, " ".join(rest_words)))


def is_generic_praise(response: str, client: str = "") -> bool:
    """Praise with nothing specific: "Good job!", "¡Excelente! Sigue así"."""
    return has_praise(response) and not names_something(response, client)


_AUX_FIRST = re.compile(
    r"^(?:(?:so|and|ok(?:ay)?|but|wait),? )?(?:are|is|am|was|were|do|does|did|have|has|"
    r"had|can|could|will|would|should|shall|may|might|must|isn't|aren't|don't|doesn't|"
    r"didn't|haven't|wasn't|won't|wouldn't|can't|couldn't) "
    r"(?:you|u|it|that|this|they|he|she|we|there|i|your)\b"
)


def last_sentence(text: str) -> str:
    parts = [p for p in re.split(r"(?<=[.!])\s+", text.strip()) if p.strip()]
    return parts[-1] if parts else ""


def is_question_form(response: str) -> bool:
    """Ends as a question: "?" at the end, a "¿", or "Are you…" syntax in English."""
    text = response.strip()
    if not text:
        return False
    if text.rstrip(" .!\"'”)").endswith("?") or "¿" in last_sentence(text):
        return True
    return bool(_AUX_FIRST.match(fold(last_sentence(text))))


# Turning the person's words round, for suggestions.
_SWAP_EN = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
    "we": "you",
    "our": "your",
    "us": "you",
    "we're": "you're",
    "ourselves": "yourselves",
}
_SWAP_ES = {
    "yo": "tú",
    "me": "te",
    "mi": "tu",
    "mis": "tus",
    "conmigo": "contigo",
    "estoy": "estás",
    "soy": "eres",
    "tengo": "tienes",
    "quiero": "quieres",
    "puedo": "puedes",
    "voy": "vas",
    "sé": "sabes",
    "he": "has",
    "hice": "hiciste",
    "fui": "fuiste",
    "siento": "sientes",
    "necesito": "necesitas",
    "ando": "andas",
    "hago": "haces",
    "digo": "dices",
    "creo": "crees",
    "pienso": "piensas",
    "estaba": "estabas",
    "estuve": "estuviste",
    "dejé": "dejaste",
    "deje": "dejaste",
    "dije": "dijiste",
    "tuve": "tuviste",
    "llamé": "llamaste",
    "llame": "llamaste",
    "falté": "faltaste",
    "falte": "faltaste",
    "sigo": "sigues",
    "vengo": "vienes",
    "salgo": "sales",
    "trabajo": "trabajas",
    "tomo": "tomas",
    "fumo": "fumas",
    "duermo": "duermes",
    "estudio": "estudias",
    "vivo": "vives",
    "ocupo": "ocupas",
    "odio": "odias",
    "extraño": "extrañas",
    "pude": "pudiste",
    "quería": "querías",
    "tenía": "tenías",
    "podía": "podías",
    "empecé": "empezaste",
    "terminé": "terminaste",
    "pasé": "pasaste",
    "entré": "entraste",
    "regresé": "regresaste",
    "hablé": "hablaste",
    "conseguí": "conseguiste",
    "salí": "saliste",
    "perdí": "perdiste",
    "aguanté": "aguantaste",
    "logré": "lograste",
    "nosotros": "ustedes",
    "estamos": "están",
    "somos": "son",
    "tenemos": "tienen",
}
_LEAD = re.compile(
    r"^(?:honestly|well|so|like|ok(?:ay)?|yeah|look|man|i mean|la verdad|pues|bueno|"
    r"o sea|la neta|mira|no se|este)\b[,.]?\s*",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|my|me|yo|mi|me|estoy|tengo|soy)\b", re.I)
MAX_MIRROR_WORDS = 16


_NOT_PRETERITE = frozenset({"aquí", "así", "allí", "ahí", "mí", "sí", "también", "café", "bebé"})


def _swap_es(token: str) -> str:
    low = token.lower()
    if low in _SWAP_ES:
        return _SWAP_ES[low]
    # First-person preterite: "reprobé" → "reprobaste", "seguí" → "seguiste".
    if len(low) > 3 and low not in _NOT_PRETERITE:
        if low.endswith("é"):
            return token[:-1] + "aste"
        if low.endswith("í"):
            return token[:-1] + "iste"
    return token


def _swap(sentence: str, language: str) -> str:
    out = []
    for token in re.split(r"([^\w']+)", sentence.translate(_QUOTES)):
        if language == "es":
            out.append(_swap_es(token))
        else:
            out.append(_SWAP_EN.get(token.lower(), token))
    return "".join(out)


def mirror(client: str, language: str) -> str:
    """The person's first statement about themselves, in the second person.

    "I haven't missed a single check-in with my PO since I got out." →
    "you haven't missed a single check-in with your PO since you got out".
    """
    text = client.translate(_QUOTES)
    sentences = [s.strip() for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]
    chosen = next(
        (s for s in sentences if _FIRST_PERSON.search(s)), sentences[0] if sentences else ""
    )
    # "I'm" after swapping apostrophes: keep contractions whole.
    chosen = re.sub(r"[.!?;¡¿\"“”]+", "", chosen).strip()
    chosen = _LEAD.sub("", chosen)
    parts = chosen.split()
    if len(parts) > MAX_MIRROR_WORDS:
        # Cut at a comma inside the limit if there is one.
        head = " ".join(parts[:MAX_MIRROR_WORDS])
        chosen = head.rsplit(",", 1)[0] if "," in head else head
    chosen = chosen.rstrip(",")
    swapped = _swap(chosen, language)
    first = swapped.split(" ", 1)[0]
    return swapped if first.isupper() and len(first) > 1 else swapped[:1].lower() + swapped[1:]


# What the person did, told back to them: "You called your sponsor…",
# "Llamaste a tu padrino…". Such a statement is not advice, whatever a model
# makes of "you" at the start.
_NARRATES_EN = re.compile(
    r"^(?:(?:so|and|now|ok(?:ay)?),? )?(?:you|you've|you have|you had|you're|you were|your)\b"
    r"(?! (?:should|shouldn't|need|needs|have to|has to|must|gotta|got to|ought|might want|"
    r"could|can|better|'d better|may want|want to|will want)\b)"
)
# Spanish: the past ("Llamaste…", "Has ido…") and the present indicative of
# tú, voseo and usted ("Le lees a tu hijo…", "Tenés miedo…", "Usted quiere…",
# "Te importa mucho tu hija", "Los martes vas a salir temprano…"), after
# time phrases and "ya no". None of these gives directions: Spanish advice
# needs a modal ("deberías", "tienes que") or an imperative.
_DAYS_ES = r"(?:lunes|martes|miercoles|jueves|viernes|sabados?|domingos?)"
_NARRATES_ES_LEAD = (
    r"(?:(?:y|ya|ahora|esta vez|asi que|entonces|o sea|osea|todavia|aun|siempre|tambien|"
    r"hoy|esta semana|casi|usted|tu|vos|"
    r"(?:todos|todas) (?:los|las) (?:dias|noches|mananas|semanas|tardes|" + _DAYS_ES + r")|"
    r"(?:los|las) " + _DAYS_ES + r"|cada (?:dia|noche|manana|semana|vez))\b,? )*"
)
# Words that end like "-as" / "-es" but open a noun phrase, not a verb.
_NOT_VERB_ES = (
    r"(?!(?:las|unas|esas|estas|aquellas|tres|antes|entonces|muchas|otras|todas|cosas|veces|"
    r"clases|mientras|pues|ustedes|mes|meses|tus|sus|mis|pocas|ambas|algunas|ningunas|"
    r"tantas|cuantas|noches|mananas|tardes|semanas|horas|cuentas|deudas|ganas)\b)"
)
_NARRATES_ES = re.compile(
    r"^" + _NARRATES_ES_LEAD + r"(?:(?:ya |todavia |aun )?no )?"
    r"(?:(?:te|le|les|lo|la|los|las|se|me|nos) )?"
    r"(?:[a-zñ]+(?:aste|iste|asteis)|has [a-zñ]+(?:ado|ido|to|cho)|llevas|estas|eres|"
    r"tienes(?! que)|tenes(?! que)" + r"|" + _NOT_VERB_ES + r"[a-zñ]{2,}(?:as|es|is)"
    r"(?<!deberias)(?<!necesitas)(?<!ocupas)(?<!debes))\b"
    r"|^(?:" + _NARRATES_ES_LEAD + r")(?:(?:ya |todavia |aun )?no )?(?:te|le) "
    r"(?:importa|importan|preocupa|preocupan|cuesta|duele|duelen|pesa|molesta|gusta|gustan|"
    r"encanta|afecta|frustra|da (?:miedo|pena|coraje|verguenza|gusto)|hace (?:falta|bien|mal)|"
    r"ayuda|ayudan|sirve|funciona|llena|calma|quita|mata|choca|cae)\b"
    r"|^(?:" + _NARRATES_ES_LEAD + r")usted (?:(?:ya |todavia |aun )?no )?(?:(?:se|le|lo|la|me) )?"
    r"[a-zñ]+(?:a|e|an|en)\b"
)


def narrates(response: str) -> bool:
    """A statement about what the person did, does or feels, in the second person."""
    first = fold(re.split(r"(?<=[.!?;])\s+", response.strip())[0]) if response.strip() else ""
    return bool(_NARRATES_EN.match(first) or _NARRATES_ES.match(first))


# Imperatives the lexical rules do not list. English: a sentence that opens
# with a base verb. Spanish: a verb with an accent and an attached pronoun
# ("Cómprate", "Llámale", "Pídeselo"), or "no" with a common negative command.
_IMPERATIVE_EN = re.compile(
    r"^(?:(?:now|just|so|ok(?:ay)?|maybe|and),? )?(?:report|stay|chew|make|meal|plan|buy|"
    r"read|walk|run|breathe|wait|give|drop|change|lock|hide|turn|pray|journal|sleep|rest|"
    r"relax|calm|follow|schedule|book|open|close|clean|cook|exercise|stretch|listen|think|"
    r"ignore|forget|forgive|get rid|put|set|keep|go|stay away|cut)\b(?! you\b)"
)
_INVITE_ES = re.compile(
    r"^(?:cuentame|cuenteme|contame|hablame|hableme|dime|digame|explicame|platicame|"
    r"ayudame|dejame|dejeme)\b"
)
# A preterite ("Recaíste", "Llamaste") is not a verb with "te" attached.
_ENCLITIC_ES = re.compile(
    r"^(?![a-zñáéíóú]*(?:aste|iste|íste)\b)"
    r"[a-zñ]*[áéíóú][a-zñ]*(?:te|le|les|lo|la|los|las|me|nos|selo|sela)\b"
)
_NEGATIVE_COMMAND_ES = re.compile(
    r"^(?:ya |mejor |y |la proxima vez,? )?no (?:te |le |les |lo |la |se |me )?"
    r"(?:vayas|salgas|hagas|dejes|tomes|"
    r"fumes|olvides|faltes|digas|pongas|juntes|contestes|llames|compres|gastes|pienses|"
    r"manejes|prestes|vuelvas|regreses|escuches|busques|aceptes|firmes|uses|pierdas)\b"
)


# Lead-ins before a Spanish command: "La próxima vez pídeselo…", "Mejor llámale…".
_COMMAND_LEAD_ES = re.compile(
    r"^(?:(?:la proxima vez|la otra vez|ahora|mejor|nomas|nada mas|solo|primero|luego|"
    r"despues|hoy|manana|esta semana|por favor|porfa|y|pues|bueno|mira|oye|entonces)\b,?\s+)+"
)


def commands(response: str) -> bool:
    """Any sentence that opens with an imperative the lexical rules may miss.

    Spanish sentences also go through the verb forms of ``commands_es``
    ("Abre una cuenta…", "Llame a su doctor…", "Pídeselo…").
    """
    from .commands_es import is_command_es

    for sentence in re.split(r"(?<=[.!?;])\s+", response.strip()):
        raw = sentence.strip().lstrip("¡¿").lower()
        folded = fold(raw)
        if _IMPERATIVE_EN.match(folded) and not folded.endswith("?"):
            return True
        if _NEGATIVE_COMMAND_ES.match(folded):
            return True
        lead = _COMMAND_LEAD_ES.match(folded)
        bare = raw[len(lead.group(0)) :] if lead and len(fold(raw)) == len(folded) else raw
        if _ENCLITIC_ES.match(bare) and not _INVITE_ES.match(fold(bare)):
            return True
        if (
            is_command_es(sentence)
            and not _INVITE_ES.match(fold(bare))
            and "es" in (detect_language(sentence), detect_language(response))
        ):
            return True
    return False


# The form of a Spanish command: a first word shaped like a tú imperative
# ("Aparta…", "Prepara…", "Lleva…", "Llámale"), a voseo one ("Andá", "Hablá")
# or an irregular one ("Haz", "Pon", "Ven"), after the usual lead-ins. The
# shape is shared with third-person verbs, so this alone never makes advice;
# it only keeps the model's "advice" where a command could be meant.
_IRREGULAR_IMPERATIVE_ES = _set("haz pon ten ven sal di ve")
_NOT_IMPERATIVE_ES = _set(
    "la una esta esa aquella cada toda otra mucha poca alguna ninguna nuestra misma "
    "sola tanta cuanta este ese aquel que se le te me de mientras siempre entre desde "
    "durante ante antes donde nunca hasta contra sobre nada nadie ella bastante "
    "suficiente tarde noche gente mama madre padre familia casa semana escuela nunca "
    "parece suena cuesta duele importa pesa preocupa molesta gusta encanta falta queda "
    "pasa toca sale vale sirve viene dice piensa sigue tiene quiere puede debe sabe cree "
    "siente ayuda llega afecta significa funciona existe hace da calma "
    "frustra cae choca necesita era fue sea fuera hubo hay usted ustedes entonces pero "
    "porque como cuando aunque tambien ya ahora hoy uno unos"
)
_IMPERATIVE_SHAPE_ES = re.compile(r"^[a-zñ]{2,}[ae]$")
_NOT_IMPERATIVE_ENDING_ES = re.compile(
    r"(?:mente|aba|ia|ada|ida|aste|iste|ase|iese|(?:ar|er|ir|ndo)(?:le|les|lo|la|los|las|me|te|se|nos))$"
)


def looks_like_command_es(sentence: str) -> bool:
    """A Spanish sentence opening with an imperative-shaped verb."""
    raw = sentence.strip().lstrip("¡¿").lower()
    folded = fold(raw)
    lead = _COMMAND_LEAD_ES.match(folded)
    rest = folded[lead.end() :] if lead else folded
    tokens = re.findall(r"[a-zñ]+", rest)
    if not tokens:
        return False
    first = tokens[0]
    if first in _IRREGULAR_IMPERATIVE_ES:
        return True
    tail = raw[lead.end() :] if lead and len(raw) == len(folded) else raw
    raw_first = re.findall(r"[^\W\d_]+", tail)
    if raw_first and re.search(r"[áéí]$", raw_first[0]) and len(raw_first[0]) > 3:
        return True  # voseo: "andá", "tené", "decí"
    from .commands_es import reads_as_statement

    return (
        bool(_IMPERATIVE_SHAPE_ES.match(first))
        and not reads_as_statement(sentence)
        and first not in _NOT_IMPERATIVE_ES
        and not _NOT_IMPERATIVE_ENDING_ES.search(first)
    )


def _has_directive_form(
    response: str, practitioner_rule: Callable[[str], Any], directive: Callable[[str], bool]
) -> bool:
    """A command anywhere, or a sentence that the language's rules call advice or that
    `directive` finds a modal, suggestion or command form in."""
    if commands(response):
        return True
    for sentence in re.split(r"(?<=[.!?;])\s+", response.strip()):
        hit = practitioner_rule(sentence)
        if (hit is not None and hit.label == "advice") or directive(sentence):
            return True
    return False


def has_directive_form_es(response: str) -> bool:
    """Any sentence with a modal, a suggestion question or a command form (Spanish)."""
    from . import rules_es

    return _has_directive_form(
        response,
        rules_es.practitioner_rule,
        lambda sentence: (
            bool(rules_es.ADVICE_ANYWHERE.search(fold(sentence))) or looks_like_command_es(sentence)
        ),
    )


_EFFORT = re.compile(
    r"\b(?:even though|even when|even with|even if|instead of|rather than|despite|anyway|"
    r"for the first time|every (?:single )?(?:day|week|morning|time)|aunque|aun con|aun cuando|"
    r"en vez de|en lugar de|a pesar de|por primera vez|todas las (?:mananas|semanas|noches)|"
    r"cada (?:dia|semana|manana))\b"
)


def names_effort(response: str) -> bool:
    """Names a strength, effort or value, or an act done against a difficulty."""
    folded = fold(response)
    if _EFFORT.search(folded):
        return True
    person = {stem(w) for w in STRENGTH_WORDS}
    return any(stem(w) in person for w in content_words(response))


# Speaking to the person: "you"/"your" anywhere, or Spanish second-person
# pronouns and possessives, or a second-person verb at the start.
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|you're|youre|you've|yourself|u|ur|tu|tus|te|ti|contigo|usted|vos|"
    r"[a-zñ]+(?:aste|iste))\b"
)


def addresses_person(response: str) -> bool:
    """The statement is about the person it answers (second person)."""
    return narrates(response) or bool(_SECOND_PERSON.search(fold(response)))


# English advice needs a modal, a suggestion or a command; a statement that
# opens with one of these words cannot be a bare command.
_MODAL_EN = re.compile(
    r"\b(?:should|shouldn't|ought|must|need to|needs to|have to|has to|gotta|got to|"
    r"had better|'d better|try|why don't|why not|how about|what about|have you (?:tried|"
    r"thought about)|could|might want|may want|it'?d be (?:good|better|smart)|"
    r"make sure|don't|do not|never)\b"
)
_NOT_COMMAND_OPENER_EN = _set(
    "the a an your his her their our my its this that these those it it's there here "
    "at in on since after before when while with without for from by about as if "
    "so and but or because though although even he she they we i i'm you you're "
    "you've you'd your being having going every each all some no one someone "
    "nobody everyone people part"
)


def _directive_sentence_en(sentence: str) -> bool:
    folded = fold(sentence)
    if _MODAL_EN.search(folded):
        return True
    tokens = re.findall(r"[a-z']+", folded)
    return bool(
        tokens and tokens[0] not in _NOT_COMMAND_OPENER_EN and not tokens[0].endswith("ing")
    )


def has_directive_form_en(response: str) -> bool:
    """Any sentence that could give advice: a modal, a suggestion or a command."""
    from . import rules

    return _has_directive_form(response, rules.practitioner_rule, _directive_sentence_en)


# A summary: several things the person said, then a short check inviting
# correction ("What else?", "¿Qué me faltó?").
_SUMMARY_CHECK = re.compile(
    r"(?:what else|anything else|what did i (?:miss|leave out|get wrong)|did i (?:miss|get)|"
    r"what am i missing|is that right|did i get (?:that|it) right|how'?s that|"
    r"que mas|algo mas|que me falto|me falto algo|que se me paso|entendi bien|voy bien|"
    r"es asi|me equivoque en algo|me equivoco)\W*$"
)


def is_summary_form(response: str) -> bool:
    """Several things said back (commas, "and" / "y"), closed by a short check."""
    from .rules import is_summary_check

    sentences = [s for s in re.split(r"(?<=[.!?])\s+", fold(response)) if s]
    if not sentences or not _SUMMARY_CHECK.search(sentences[-1]):
        return False
    told = " ".join(sentences[:-1]).replace(" y ", " and ")
    return is_summary_check([*sentences[:-1], sentences[-1]]) or (
        told.count(",") + told.count(" and ") >= 2 and len(told.split()) >= 10
    )


def names_person_word(response: str) -> bool:
    """Names a feeling, meaning, value or strength (the MI and strength word lists)."""
    return bool(content_stems(response) & _person_stems())


# Verbs and phrases of effort and agency: what a descriptive affirmation
# uses in place of a strength word ("You faced…", "Te organizaste…").
_EFFORT_ACT = re.compile(
    r"\b(?:fac(?:e|ed|ing)|organiz\w*|spoke up|speak(?:ing)? up|stood up|stand(?:ing)? up|"
    r"put in (?:\w+ ){0,3}work|work(?:ed)? hard|plann?ed|figured|managed|handled|fought|"
    r"pushed|made (?:a |the )?(?:real )?change|took (?:charge|care|action|a stand)|"
    r"enfrent\w*|organiz\w*|te encargaste|te hiciste cargo|defendiste|te defendiste|"
    r"hablaste (?:\w+ ){0,4}por|luchaste|planeaste|resolviste|te pusiste las pilas|"
    r"(?:hiciste|hizo) un cambio|se nota|te pusiste firme|pusiste (?:un )?limite)"
)


def names_act_of_effort(response: str) -> bool:
    """A verb of effort or agency: "You faced…", "Te organizaste…", "…y se nota"."""
    return bool(_EFFORT_ACT.search(fold(response)))


def only_tells_back(client: str, response: str) -> bool:
    """Every content word of the response is the person's own (stem or synonym).

    "Lo aceptaron en una universidad de otro estado." to "A mi hijo lo
    aceptaron en una universidad en otro estado y no sé cómo dejarlo ir."
    adds nothing: no feeling, meaning or other side of their words.
    """
    stems = content_stems(response)
    if not stems or not content_stems(client):
        return False
    index = _synonym_index()
    theirs = _concepts(content_stems(client))
    return all(s in theirs or f"#{index.get(s)}" in theirs for s in stems)


_TWO_SIDED = re.compile(
    r"\b(?:but|though|even though|and yet|at the same time|part of you|on one hand|"
    r"on the other|pero|aunque|y a la vez|al mismo tiempo|por un lado|por otro|"
    r"una parte de ti|y aun asi|y todavia)\b"
)


def adds_meaning(client: str, response: str) -> bool:
    """Says more than the person's words: a new feeling, meaning or value word,
    or two sides set against each other with something of its own.

    "Vas sobreviviendo, pero dormir en el carro te está desgastando." and
    "Seeing his new life kept pulling you down, and you chose some peace
    instead." go beyond what was said; a reflection that only repeats the
    person's own two sides does not.
    """
    index = _synonym_index()
    theirs = _concepts(content_stems(client))
    new = {
        s for s in content_stems(response) if s not in theirs and f"#{index.get(s)}" not in theirs
    }
    if new & _person_stems():
        return True
    folded = fold(response)
    match = _TWO_SIDED.search(folded)
    if not match or not new:
        return False
    before, after = folded[: match.start()].split(), folded[match.end() :].split()
    return len(before) >= 2 and len(after) >= 3
