"""High-precision lexical rules for Spanish turns.

Same contract as ``rules.py``: each rule function returns a ``RuleHit`` when a
surface form settles the label and ``None`` when it is unsure. There is no
Spanish text model behind these rules, so whatever they leave alone is reported
to the trainee as "not sure" (see ``classifier.py``); a rule is only worth
adding if it is almost never wrong.

Text is lower-cased and stripped of accents before matching, because trainees
often type Spanish without them ("como te fue", "cuentame mas"). ¿ and ¡ are
kept: they mark where a question or an exclamation starts.

Spanish forms a yes/no question by intonation alone ("¿Fuiste al grupo?"), so a
turn written as a question with no question word is a closed question here,
even when the same words without ¿ ? would be a reflection. Without ¿ and with
only a final "?", a turn is treated as a question only when it opens with a
verb or pronoun that usually starts one; otherwise the rules stay out of it.
"""

from __future__ import annotations

import re
import unicodedata

from .rules import RuleHit, first_cue, is_summary_check, split_sentences, word_count

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalize(text: str) -> str:
    """Lower-case, drop accents (keeping ¿ and ¡), straighten quotes, collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_QUOTES).lower())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", stripped).strip()


# Discourse markers that do not change what kind of utterance follows.
_FILLER = re.compile(
    r"^(?:(?:oye|mira|bueno|pues|ok(?:ay|i)?|ah+|oh+|m+h*|ey|hey|la neta|neta|honestamente|"
    r"sinceramente|la verdad|entonces|y|pero|mija|mijo|wey|guey|bro|hermano|carnal|compa|"
    r"amig[oa]|este|a ver|ahora|ahorita|ya)\b[,.!:]?\s+)+"
)


def _core(t: str) -> str:
    return _FILLER.sub("", t)


def _hit(label: str, confidence: float, rule: str, subtype: str | None = None) -> RuleHit:
    return RuleHit(label=label, subtype=subtype, confidence=confidence, rule=rule)


# --------------------------------------------------------------------------
# Practitioner
# --------------------------------------------------------------------------

_SUMMARY = re.compile(
    r"\ba ver si (?:te |lo )?(?:entendi|entiendo|lo tengo|te sigo|capte|lo capte|tengo claro)"
    r"|\bdejame (?:ver si|juntar|resumir|repasar|recapitular|hacer un resumen|ponerlo todo)"
    r"|\bdejeme (?:ver si|juntar|resumir|repasar)"
    r"|\bhasta ahora (?:me )?(?:has|ha) (?:contado|dicho|platicado|compartido|mencionado)"
    r"|\ben resumen\b|\bresumiendo\b|\bpara resumir\b|\bpara juntar\b|\bjuntando todo\b"
    r"|\bsi junto todo\b|\bsi lo junto todo\b|\bhaciendo un resumen\b"
    r"|\besto es lo que (?:escucho|escuche|oigo|llevo|me llevo|entiendo|entendi)\b"
    r"|\bme has (?:contado|dicho|platicado|compartido) (?:varias|un par de|dos|tres|muchas) cosas"
    r"|\ben pocas palabras\b|\blo que llevo(?: hasta ahora| hasta ahorita)?\b|\brecapitulando\b"
    r"|\bresumo lo que\b|\bsi (?:lo pongo|junto) (?:todo )?(?:junto|lo que)"
)
# A list of what the person said closed by a check ("…y tu doctor quiere que
# sigas. ¿Qué me faltó?") is a summary, not an open question.
_SUMMARY_CHECK = re.compile(
    r"^¿?\s*(?:y\s+)?(?:que (?:me )?(?:falto|falta|faltaria|se me paso|se me fue|deje fuera|"
    r"agregarias|le agregarias|mas)|me (?:falto|falta|salte|equivoque en) algo|"
    r"se me (?:paso|fue) algo|(?:lo )?entendi bien|voy bien|es asi|asi es)\s*\?*$"
)
# "Dos cosas", "varias cosas": a summary only in a long turn.
_SUMMARY_THINGS = re.compile(r"(?<!las )(?<!esas )\b(?:dos|tres|varias|un par de) cosas\b")
_BACKCHANNEL = re.compile(
    r"^(?:(?:m+h*-?m+|mhm+|aja|ok(?:ay|i)?|va|sale|claro|si|ya veo|entiendo|andale|orale|"
    r"simon|ya|bueno|perfecto|de acuerdo|okey|ah+ ok|ah+)[,.! ]*)+$"
)
_GREETING = re.compile(
    r"^(?:hola|buen(?:os|as) (?:dias|tardes|noches)|buenas|bienvenid[oa]s?|que onda|"
    r"gracias por (?:venir|esperar|estar aqui|llegar|llenar)|mucho gusto|nos vemos|cuidate|"
    r"hasta (?:luego|pronto|la proxima|el|manana)|que te vaya bien|adios|bye|"
    r"vamos a (?:empezar|comenzar|tomar un|hacer una pausa|vernos|dejarlo)|empecemos|"
    r"se nos (?:acabo|termino) el tiempo|ya (?:se nos acabo|es hora)|pasale|sientate|"
    r"pasa y sientate)\b"
)

_INVITE = re.compile(
    r"^(?:cuentame|cuenteme|cuentanos|platicame|platiqueme|hablame|hableme|describeme|"
    r"describe|explicame|expliqueme|ayudame a entender|ayudeme a entender|"
    r"dime (?:mas|como|que|por que|un poco|de que)|digame (?:mas|como|que)|"
    r"me pregunto (?:que|como|por que|cual|de que|en que|hasta donde)|"
    r"me da curiosidad|tengo curiosidad|me gustaria (?:saber|entender|escuchar) (?:mas|como|que|"
    r"por que|de)|quisiera (?:saber|entender) (?:mas|como|que|por que)|dame un ejemplo|"
    r"(?:me )?(?:puedes|podrias|puede|podria) (?:contarme|platicarme|hablarme|explicarme|"
    r"describirme|decirme mas|ayudarme a entender|contar|platicar|hablar de|explicar|"
    r"dar un ejemplo)|(?:me )?(?:cuentas|platicas) (?:mas|un poco|como|que))\b"
)

# Suggestions dressed as questions. "¿Por qué no…?" is a suggestion only with a
# present-tense verb ("¿por qué no intentas…?"); with a past or modal verb it
# is a real "why" question ("¿por qué no fuiste?", "¿por qué no puedes?").
_WHY_NOT = re.compile(
    r"^(?:y )?(?:por ?que|pq|xq) no (?:mejor )?(?:(?:me|te|le|les|lo|la|los|las|se|nos) )*"
    r"(?P<verb>[a-z]+)\b"
)
_WHY_NOT_REAL_QUESTION = frozenset(
    {
        "quieres",
        "puedes",
        "tienes",
        "sabes",
        "crees",
        "eres",
        "estas",
        "sientes",
        "piensas",
        "entiendes",
        "has",
        "habias",
        "gusta",
        "gustan",
        "importa",
        "dejan",
        "quieren",
        "pueden",
        "tienen",
        "es",
        "esta",
        "son",
        "estan",
        "hay",
        "puede",
        "tiene",
    }
)
_ADVICE_QUESTION = re.compile(
    # "¿Has pensado en…?" stays a closed question, as "Have you thought about…?"
    # does in the labelling guide.
    r"^(?:(?:ya )?(?:has|ha) (?:intentado|probado|considerado)|ya (?:intentaste|probaste)|"
    r"(?:y )?que tal si|(?:y )?si mejor|que te parece si|y si (?:intentas|pruebas|hablas|vas|"
    r"buscas|llamas|le|te))\b"
)
_ADVICE_MODAL = re.compile(
    r"^(?:(?:yo )?(?:creo|pienso|siento) que |la neta |honestamente,? |tal vez |quizas? |"
    r"a lo mejor |de verdad |en serio,? )?(?:tu )?"
    r"(?:deberias|deberia|debes|tienes que|tiene que|tendrias que|tendria que|necesitas|"
    r"necesita|ocupas|te toca|hay que|te conviene|le conviene)\b"
)
# "Tiene que ser difícil" (it must be hard) and "deberías estar orgulloso" are
# not advice.
_ADVICE_NOT = re.compile(
    r"^(?:(?:yo )?(?:creo|pienso) que )?(?:tu )?(?:tiene|tienes|debe|debes|deberias|deberia) "
    r"(?:que )?(?:ser|haber|ver con|estar (?:muy |bien |super )?orgullos|"
    r"sentirte (?:muy |bien )?orgullos)"
)
_ADVICE_PHRASE = re.compile(
    r"\b(?:te|le) (?:recomiendo|sugiero|aconsejo)\b|\bmi consejo\b|\byo que tu\b"
    r"|\byo en tu lugar\b|\bsi yo fuera tu\b"
    r"|^lo que (?:tienes|tiene|necesitas|necesita|deberias|deberia) (?:que )?hacer\b"
    r"|^lo mejor (?:es|seria|que puedes hacer)\b"
    r"|^(?:seria|es) (?:bueno|buena idea|mejor|importante) que (?:tu )?(?:\w+es|\w+as)\b"
)
# A modal or suggestion anywhere in a sentence ("Creo que tal vez deberías…"):
# what a Spanish statement needs, besides a command, to be advice.
ADVICE_ANYWHERE = re.compile(
    r"\b(?:deberias|deberia|debes|debe|tienes que|tenes que|tiene que|tendrias que|"
    r"tendria que|necesitas|necesita|ocupas|hay que|te toca|le toca|te conviene|le conviene|"
    r"te convendria|te (?:recomiendo|sugiero|aconsejo)|le (?:recomiendo|sugiero|aconsejo)|"
    r"yo que tu|yo en tu lugar|si yo fuera tu|por ?que no|pq no|xq no|que tal si|"
    r"(?:has|ha) (?:intentado|probado)|intenta|procura|trata de|no (?:te |le |lo |la )?"
    r"(?:vayas|salgas|hagas|dejes|tomes|fumes|olvides|digas|contestes|llames))\b"
)
_IMPERATIVE = re.compile(
    r"^(?:nomas |solo |mejor |porfa,? |por favor,? )?"
    r"(?:intenta|intente|prueba|pruebe|busca|busque|habla con|hable con|llama|llame|marcale|"
    r"escribele|apunta|anota|ve a|ve al|vete|anda a|haz|haga|pon|ponle|ponte|tomate|"
    r"toma (?!tiempo|mucho|valor)|deja de|deje de|dejalo|guarda|ahorra|bloquea|borra|elimina|"
    r"quita|apaga|evita|evite|alejate|pide|pida|aplica|inscribete|registrate|camina|duerme|"
    r"preguntale|dile|digale|avisale|mandale|agenda|saca una cita|unete|acuerdate de|"
    r"recuerda (?:llamar|tomar|traer|ir|hablar)|asegurate|trata de|trate de|platica con|"
    r"no (?:(?:le|te|lo|la|les|los|se) )?(?:hables|contestes|respondas|vayas|hagas|tomes|"
    r"compres|salgas|dejes|faltes|uses|fumes|mandes|prestes|firmes|gastes|manejes|llames|digas|"
    r"pagues|aceptes|vuelvas|juntes|quedes|metas|regreses|pierdas|olvides))\b"
)

_WH_OPEN = re.compile(
    r"^(?:que|como|por ?que|pq|xq|porque|cual|cuales|para que|de que (?:manera|forma)|"
    r"en que (?:sentido|forma|manera|aspecto)|hasta donde|que es lo que)\b"
)
# Typed with no ¿ ? at all, a wh-word opens a question only in these common
# combinations; elsewhere "que" and "como" are a conjunction or "like".
_UNMARKED_OPEN = re.compile(
    r"^(?:que (?:paso|piensas|opinas|sientes|hiciste|quieres|crees que|te (?:paso|gustaria|"
    r"preocupa|ayudaria|ayuda|hace|impide|motiva|llevo)|has (?:notado|pensado|intentado))|"
    r"como (?:te (?:fue|va|sientes|ha ido|afecta|imaginas|gustaria)|estas|vas|le (?:hiciste|"
    r"haces)|ha sido|fue|crees que)|por ?que (?:crees|piensas|dices|te))\b"
)
# Exclamations that open like a question word ("¡Qué bueno!", "que onda").
_WH_NOT = re.compile(
    r"^(?:que|como) (?:bueno|padre|chido|bien|mal|pena|gusto|onda|triste|orgullo|valiente|"
    r"fuerte|horrible|feo|bonito|lindo|rollo|dices|crees)\b|^que tan\b|^como (?:te dije|dices)\b"
)
_WH_FACT = re.compile(
    r"^(?:cuant[oa]s?|a que hora|que (?:dia|hora|fecha|numero|edad)|cuando|donde|adonde|"
    r"a donde|de donde|hace cuanto|cual (?:dia|numero|de los|de las|prefieres|escogiste)|"
    r"cual es (?:tu|su|el) (?:numero|telefono|direccion|correo|nombre|horario))\b"
)
# Without ¿, a question that opens with one of these reads as a yes/no question.
_YES_NO_START = re.compile(
    r"^(?:has|ha|hay|vas|va|es|eres|estas|esta|puedes|puede|podrias|tienes|tiene|quieres|"
    r"quiere|te|le|ya|sigues|crees|piensas|sabes|sientes|necesitas|conoces|alguna vez|todavia|"
    r"aun|fuiste|fue|estuviste|hiciste|hablaste|tomaste|dormiste|llamaste|pudiste|"
    r"[a-z]+aste|[a-z]+iste|tu (?:mama|papa|jefe|pareja|novi[oa]|familia|hermano|hermana))\b"
)
_TAG = re.compile(
    r"(?:,\s*|\s)¿?\s*(?:verdad|cierto|correcto|no es asi|o no|no crees|a poco)\s*\?+$"
    r"|(?:,\s*¿?|¿)\s*(?:no|si|va|ok|okay|eh|sale)\s*\?+$"
    r"|,\s*(?:verdad|cierto|correcto)\s*$|\s(?:verdad|cierto)\s*$"
)
_PERMISSION = re.compile(
    r"^(?:te parece (?:bien )?si|estaria bien si|esta bien si|te molesta si|"
    r"puedo (?:compartir|contarte|decirte|darte|sugerir|hacerte|preguntarte|platicarte)|"
    r"me (?:permites|dejas|das permiso)|quieres que te (?:cuente|comparta|diga|de|platique)|"
    r"te gustaria que te|te late si|estarias (?:dispuest[oa]|abiert[oa]))\b"
)

_AFFIRM = re.compile(
    r"^se (?:nota|ve) que\b|\bse nota (?:mucho|el esfuerzo|que)\b"
    r"|\b(?:hace|hizo|hacia) falta (?:mucho |muchisimo |bastante |harto )?"
    r"(?:valor|valentia|fuerza|coraje|agallas|disciplina)\b"
    r"|\b(?:requiere|requirio|toma|tomo|se necesita|se necesito|necesitaste) "
    r"(?:mucho |mucha |muchisimo |muchisima |bastante |harto |harta |un chingo de )?"
    r"(?:valor|valentia|fuerza|coraje|agallas|disciplina|esfuerzo)\b"
    r"|\beso es (?:valentia|valor|fuerza|coraje)\b"
    r"|^has sido (?:muy |bien |super |bastante |siempre )?(?:constante|valiente|fuerte|"
    r"responsable|honest[oa]|dedicad[oa]|cumplid[oa]|persistente)\b"
    r"|\bhas (?:estado )?trabaja(?:do|ndo) (?:muy |bien |super |bastante )?duro\b"
    r"|\btrabajaste (?:muy |bien |super )?duro\b|\ble (?:has|estas) echa(?:do|ndo) "
    r"(?:muchas |un chorro de |bien |harto )?ganas\b|^(?:demostraste|mostraste)\b"
    r"|\beso habla (?:muy bien |mucho )?de (?:ti|tu)\b|\bdice mucho de ti\b"
    r"|\b(?:estoy|me siento) (?:muy |bien |super )?orgullos[oa] de ti\b"
    r"|\b(?:puedes|deberias|debes) (?:estar|sentirte) (?:muy |bien |super )?orgullos"
    r"|^que valiente\b|\bbien hecho\b|\bbuen trabajo\b"
    r"|^felicidades\b|\bno es poca cosa\b|\b(?:es|fue) un (?:gran |buen )?logro\b"
    r"|\bhas (?:avanzado|crecido|logrado) (?:mucho|un monton|bastante)\b|\bhas llegado lejos\b"
    r"|\b(?:gracias|te agradezco) por (?:confiar|compartir|ser (?:tan )?honest|tu honestidad|"
    r"abrirte|contarme)"
    r"|^(?:eres|estas) (?:muy |bien |super |realmente |bastante |una persona )?"
    r"(?:valiente|fuerte|resiliente|decidid[oa]|comprometid[oa]|luchador[a]?|trabajador[a]?|"
    r"constante|dedicad[oa]|responsable|ingenios[oa]|creativ[oa]|persistente|cumplid[oa]|"
    r"buen[oa] (?:amig[oa]|mama|papa|padre|madre|herman[oa]|hij[oa])|"
    r"alguien que (?:cumple|no se rinde|sigue|lucha))\b"
    r"|\bme impresiona (?:como|que|lo)\b|\badmiro (?:como|que|tu|lo)\b"
)

_REFLECT_STEM = re.compile(
    r"^(?:suena|se oye|se escucha|parece|pareciera) (?:a |como )?que\b|^suena a\b"
    r"|^(?:me )?parece que\b|^lo que (?:escucho|oigo|entiendo|me dices|me estas diciendo) es\b"
    r"|^o sea(?:,)? que\b|^osea(?:,)? que\b|^(?:tu )?te sientes\b|^sientes que\b|^estas\b"
    r"|^una parte de ti\b|^por un lado\b|^(?:a ti )?te (?:preocupa|da miedo|duele|importa|"
    r"frustra|pesa|cuesta|molesta|tiene (?:harto|cansad|preocupad))\b"
)
# Stems that frame what follows as the practitioner's hearing of it; an
# affirmation phrase after them is still a reflection ("Parece que le has
# echado ganas").
_REFLECT_HEARD = re.compile(
    r"^(?:suena|se oye|se escucha|parece|pareciera|me parece|lo que|o sea|osea|sientes que|"
    r"(?:tu )?te sientes)\b"
)
_REFLECT_NOT = re.compile(
    r"\b(?:deberias|debes|tienes que|tendrias que|necesitas|te conviene|hay que)\b"
)

_FEELING = (
    r"sient\w*|sentir\w*|miedo|asustad\w*|preocup\w*|frustr\w*|enojad\w*|molest\w*|triste\w*|"
    r"tristeza|soledad|solit\w*|desesperad\w*|desanimad\w*|abrumad\w*|agotad\w*|cansad[oa]s? de|"
    r"hart[oa]s?|avergonzad\w*|verguenza|culpa|culpable|dolid[oa]|duele|lastim\w*|aliviad\w*|"
    r"orgullos\w*|emocionad\w*|nervios\w*|ansios\w*|ansiedad|atrapad\w*|atorad\w*|estancad\w*|"
    r"decepcion\w*|impotente|invisible|juzgad\w*|presion\w*|dividid\w*|confundid\w*|"
    r"vulnerable|celos\w*|extran\w*|pesa|agobi\w*|coraje|quemad[oa]"
)
_COMPLEX = re.compile(
    r"\buna parte de ti\b|\botra parte\b|\bpor un lado\b|\bpor otro\b|\bal mismo tiempo\b"
    r"|\ba la vez\b|\by tambien\b|\bpero tambien\b|\baunque\b|\bno solo\b|\bmas que\b"
    r"|\bentre\b.+\by\b|\b(?:" + _FEELING + r")\b"
    r"|\bimporta\w*\b|\bsignific\w*\b|\blo es todo\b|\bvaloras?\b|\bquien eres\b"
    r"|\bnada\b|\bnadie\b|\bnunca\b|\bjamas\b|\btodo el mundo\b|\bsiempre\b|\btodo\b"
    r"|\bcompletamente\b|\bpara nada\b|\babsolutamente\b|\bni siquiera\b"
)


def reflection_subtype_cue(text: str) -> str | None:
    """'complex' when a reflection carries feeling, meaning, two sides or amplification.

    As in English, the absence of these cues is not proof of a simple reflection,
    so this returns None rather than 'simple'.
    """
    return "complex" if _COMPLEX.search(normalize(text)) else None


def _is_question(t: str) -> bool:
    return "¿" in t or t.rstrip().endswith("?")


def _question_segment(t: str) -> tuple[str, str] | None:
    """(sentence, asked part) of the last question in a turn, if there is one.

    A question that follows a lead-in ("Oye, ¿y cómo te fue?") starts at its ¿;
    without ¿ it is the last sentence ending in "?".
    """
    sentences = split_sentences(t)
    asked = [s for s in sentences if "?" in s or "¿" in s]
    if not asked:
        return None
    sentence = asked[-1]
    part = sentence[sentence.rfind("¿") :] if "¿" in sentence else sentence
    # A bare tag ("…, ¿verdad?") is not the question: the sentence is.
    if "¿" in sentence and _TAG.search(sentence) and word_count(part) <= 3:
        part = sentence
    return sentence, part


# Adverbial lead-ins before the question word: "¿Por lo general, por qué…?".
_QUESTION_LEAD = re.compile(
    r"^(?:(?:por lo general|en general|normalmente|para ti|y para ti|a ti|y tu|en tu opinion|"
    r"de todo esto|de todo eso|al final|esta semana|hoy|y ahora|ahora|en ese momento|"
    r"cuando pasa eso|pensando en eso)\b,?\s+)+"
)
# A question word anywhere in the question: the yes/no rule stays out of it
# ("¿Sabes por qué…?", "¿A quién sueles buscar…?" are not settled by form).
_WH_ANYWHERE = re.compile(r"\b(?:quien|quienes|por que|cuant[oa]s?)\b")
_WH_ACCENTED_WORD = re.compile(
    r"\b(?:qué|cómo|cuál|cuáles|quién|quiénes|dónde|cuándo|cuánt[oa]s?)\b"
)


def _question_rule(sentence: str, part: str, original: str = "") -> RuleHit | None:
    if _TAG.search(sentence) and not sentence.lstrip(" ¿").startswith(("que ", "como ")):
        return _hit("closed_question", 0.9, "tag_question")
    marked = "¿" in part
    q = _core(part.strip(" ¿¡").lstrip())
    q = _QUESTION_LEAD.sub("", _core(q.lstrip("¿ ")))
    if not q:
        return None
    if _INVITE.match(q):
        return _hit("open_question", 0.93, "open_invitation")
    if _PERMISSION.match(q):
        return _hit("closed_question", 0.9, "permission_ask")
    if _WH_FACT.match(q):
        return _hit("closed_question", 0.9, "fact_question")
    if _WH_OPEN.match(q) and not _WH_NOT.match(q):
        return _hit("open_question", 0.92, "wh_question")
    if _WH_ANYWHERE.search(q) or _WH_ACCENTED_WORD.search(original):
        return None
    if marked and not _WH_NOT.match(q) and (word_count(q) >= 3 or _YES_NO_START.match(q)):
        return _hit("closed_question", 0.88, "yes_no_question")
    if not marked and part.rstrip().endswith("?") and _YES_NO_START.match(q) and word_count(q) >= 2:
        return _hit("closed_question", 0.85, "yes_no_question")
    return None


def _advice_rule(t: str, core: str) -> RuleHit | None:
    if _ADVICE_NOT.match(core):
        return None
    bare = core.lstrip("¿¡ ")
    why_not = _WHY_NOT.match(bare)
    if why_not and "?" in t and why_not.group("verb") not in _WHY_NOT_REAL_QUESTION:
        verb = why_not.group("verb")
        if re.search(r"(?:as|es|amos|emos|imos)$", verb):
            return _hit("advice", 0.9, "suggestion_question")
    if _ADVICE_QUESTION.match(bare) and _is_question(t):
        return _hit("advice", 0.9, "suggestion_question")
    # A modal inside a question ("¿Tienes que trabajar mañana?") is asking, not telling.
    if _ADVICE_MODAL.match(core) and not _is_question(t):
        return _hit("advice", 0.9, "directive")
    if _ADVICE_PHRASE.search(core):
        return _hit("advice", 0.9, "directive")
    if _IMPERATIVE.match(core):
        return _hit("advice", 0.88, "imperative")
    return None


def practitioner_rule(text: str) -> RuleHit | None:
    t = normalize(text)
    if not t:
        return None
    core = _core(t)
    if (_SUMMARY.search(t) and word_count(t) >= 8) or (
        _SUMMARY_THINGS.search(t) and word_count(t) >= 15
    ):
        return _hit("summary", 0.93, "summary_cue")
    sentences = split_sentences(t)
    if _SUMMARY_CHECK.match(sentences[-1]) and is_summary_check(sentences, " y "):
        return _hit("summary", 0.9, "summary_check")
    if _BACKCHANNEL.match(t):
        return _hit("other", 0.93, "backchannel")
    if (
        _GREETING.match(core.lstrip("¡"))
        and "?" not in t
        and word_count(t) <= 12
        and not _ADVICE_MODAL.search(core)
    ):
        return _hit("other", 0.9, "greeting_or_scheduling")
    if _INVITE.match(core.lstrip("¿¡ ")):
        return _hit("open_question", 0.93, "open_invitation")
    advice = _advice_rule(t, core)
    if advice:
        return advice
    segment = _question_segment(t)
    if segment:
        original = text.lower()
        asked = original[original.rfind("¿") :] if "¿" in original else original
        return _question_rule(*segment, original=asked)
    if _UNMARKED_OPEN.match(core) and word_count(core) >= 3 and "¡" not in t:
        return _hit("open_question", 0.88, "wh_question")
    if _AFFIRM.search(core) and not _REFLECT_HEARD.match(core):
        return _hit("affirmation", 0.88, "affirmation_cue")
    if _REFLECT_STEM.match(core) and word_count(core) <= 40:
        if _REFLECT_NOT.search(core):
            return None
        return _hit("reflection", 0.88, "reflection_stem", reflection_subtype_cue(core))
    return None


# --------------------------------------------------------------------------
# Client
# --------------------------------------------------------------------------

_SUBSTANCE = r"(?:mota|hierba|weed|vape|vapear|fumar|tomar|pisto|chupe|cerveza|pastillas?|toque)"
_SUSTAIN = re.compile(
    r"\bno (?:puedo|voy a|pienso|quiero) dejar\w*\b|\bno (?:lo|la) (?:voy a|pienso) dejar\b"
    r"|\bno (?:le )?veo (?:(?:cual es |donde esta )?(?:el|ningun) problema|nada de malo|"
    r"(?:que|lo que) (?:tiene|hay) de malo|por que|porque|para que|el caso)\b"
    r"|\bno es para tanto\b|\bno es (?:gran cosa|un problema|tan grave|nada grave)\b"
    r"|\bno (?:tengo|tiene|hay) (?:ningun |un |tal )?problema\b"
    r"|\b(?:es )?lo unico que me (?:ayuda|calma|relaja|funciona|quita|hace sentir)\b"
    r"|\bno (?:quiero|necesito|ocupo|pienso) (?:cambiar|parar|ayuda|un presupuesto|un programa|"
    r"ir al grupo|hablar de eso|dejarlo|dejarla)\b"
    r"|\bno (?:voy a|pienso) (?:cambiar|parar)\b|\bno estoy list[oa]\b"
    r"|\b(?:todo el mundo|todos|todas mis amigas|todos mis amigos) (?:lo hacen|lo hace|fuman|"
    r"fuma|toman|toma|vapean|vapea)\b|(?<!no )\bes normal\b"
    r"|\b(?:para que|por que|porque) (?:voy a|iba a|tendria que|deberia) (?:dejar|cambiar|parar)"
    r"|\bno sirve de nada\b|\bno vale la pena\b|\bperdida de tiempo\b|\bno me sirve\b"
    r"|\bme gusta (?:" + _SUBSTANCE + r"|estar (?:high|pedo|marihuano)|como estoy)\b"
    r"|\bno tiene nada de malo\b|\basi estoy bien\b|\bestoy bien asi\b|\bme vale\b"
    r"|\bno es para mi\b|\bno es mi problema\b|\beso no lo voy a cambiar\b"
    r"|(?<!no quiero )(?<!no voy a )(?<!ya no )(?<!dejar de )\bseguir (?:fumando|tomando|usando|"
    r"vapeando|jugando|igual)\b"
    r"|\b(?:necesito|tengo que|ocupo) (?:(?:el|la|mi|mis|un|una) )?" + _SUBSTANCE + r"\b"
    r"|\bya lo intente y no\b|\bno hay manera\b|\bni loc[oa]\b|\bni de chiste\b"
)
# Ordered most to least specific, as in rules.py.
_CHANGE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "commitment",
        re.compile(
            r"(?<!no )(?<!no lo )(?<!no la )(?<!no le )(?<!no me )(?<!no te )"
            r"\b(?:voy a|lo hare|lo voy a|me voy a|ya no voy a|nunca mas voy a|no voy a volver a|"
            r"no vuelvo a|te (?:lo )?prometo|prometo|me comprometo|ya (?:lo )?decidi|decidi|"
            r"ya (?:empece|comence|me inscribi|me apunte|llame|hice (?:la|una) cita|deje|tire|"
            r"borre|bloquee|hable|saque (?:la|una) cita|fui|me registre|aplique)|"
            r"a partir de (?:hoy|manana|ahora|el lunes|esta noche)|desde (?:hoy|manana|ahora)|"
            r"hoy mismo|esta misma semana|empiezo (?:hoy|manana|el lunes))\b"
        ),
    ),
    (
        "desire",
        re.compile(
            r"\b(?:(?<!no )quiero(?! seguir (?:fumando|tomando|usando|vapeando|jugando|igual))|"
            r"quisiera|me gustaria|me encantaria|ojala|espero (?:poder|que)|"
            r"tengo ganas de|deseo|no quiero (?:seguir|volver|terminar|perder|ser|acabar|"
            r"que mi))\b"
        ),
    ),
    (
        "need",
        re.compile(
            r"(?<!no )\b(?:tengo que|necesito(?! (?:(?:el|la|mi|mis|un|una) )?" + _SUBSTANCE + r")|"
            r"deberia|"
            r"debo(?! (?:\d|dinero|lana|mucho|como|un|una|el|la|le|les|a)\b)|"
            r"tendria que|ocupo|me urge|"
            r"(?:ya )?no puedo seguir|no puedo (?:vivir|estar) (?:asi|en)|"
            r"algo tiene que cambiar|las cosas tienen que cambiar|esto tiene que cambiar)\b"
        ),
    ),
    ("reason", re.compile(r"\bsi (?:dejara|dejo|parara|le bajara|le bajo|ahorrara|soltara)\b")),
    (
        "ability",
        re.compile(
            r"\b(?:(?<!no )(?<!no lo )puedo|(?<!no )podria|(?:seria|soy) capaz|(?<!no )se como|"
            r"ya lo (?:he hecho|hice antes|logre)|(?:si )?lo puedo (?:lograr|hacer|resolver))\b"
        ),
    ),
    (
        "reason",
        re.compile(
            r"\b(?:tendria|seria|estaria|me sentiria|ahorraria|dormiria|significaria|"
            r"me ayudaria|porque asi|asi (?:podria|tendria|puedo))\b"
        ),
    ),
)
# A reason decides the label only when its consequence is clearly a benefit.
_BENEFIT = re.compile(
    r"\bmejor\b|\bmas (?:dinero|tiempo|energia|sano|feliz|tranquil\w*|lana)\b|\bahorr\w*\b"
    r"|\bmenos (?:pleitos|problemas|estres|gastos|cansad\w*|ansiedad)\b|\bpor fin\b"
    r"|\bya no tendria que\b|\bpodria (?:ver|visitar|pagar|comprar|ayudar|dormir|terminar|estar)"
    r"|\btendria (?:mas )?(?:dinero|tiempo|energia|lana)\b"
)
_COST = re.compile(
    r"\bperd\w*\b|\bsin (?:amigos|nadie)\b|\baburri\w*\b|\bsubir\w* de peso\b|\bpeor\b"
    r"|\bansios\w*\b|\bextranaria\b|\bno podria (?:dormir|relajarme)\b|\bsol[oa]\b"
)
_OPENING = re.compile(
    r"^(?:(?:la neta|neta|pues|bueno|si|no se,? pero|la verdad(?: es que)?|de verdad|"
    r"honestamente|sinceramente|nomas|ya|yo|(?:yo )?creo que(?: si)?|siento que|"
    r"estoy (?:casi )?segur[oa] (?:de )?que|manana|hoy|el (?:lunes|martes|miercoles|jueves|"
    r"viernes|sabado|domingo)|esta (?:noche|semana|tarde)|a primera hora|en serio)\b[,.!]?\s*)+"
)
_OPENING_WINDOW = 8  # characters after the opening words: room for "sí", "ahora"
_HEDGED = re.compile(
    r"\bno (?:estoy )?segur[oa]\b|\bno creo\b|\bno se (?:si|como)\b|\bdudo\b"
    r"|\bpero no (?:puedo|creo|se)\b|\bquien sabe\b"
)
_NEUTRAL = re.compile(
    r"^(?:no se|nose|ns|ni idea|pues no se|ok(?:ay)?|sale|va|lo que sea|como sea|whatever|"
    r"tal vez|a lo mejor|quien sabe|puede ser|no tengo idea|mas o menos|equis)\b"
    r"[ ,.!]*\w{0,8}[.!]*$"
)


def change_subtype_cue(text: str) -> str | None:
    """DARN-C subtype whose first-person cue comes first in the statement."""
    cue = first_cue(normalize(text), _CHANGE_CUES)
    return cue[0] if cue else None


def client_rule(text: str) -> RuleHit | None:
    t = normalize(text)
    if not t:
        return None
    sustain = bool(_SUSTAIN.search(t))
    cue = first_cue(t, _CHANGE_CUES)
    if sustain and cue:
        return None
    if sustain:
        return _hit("sustain", 0.88, "sustain_cue")
    if cue and not _HEDGED.search(t):
        opening = _OPENING.match(t)
        start = opening.end() if opening else 0
        if cue[1] - start <= _OPENING_WINDOW:
            subtype = cue[0]
            if subtype != "reason":
                return _hit("change", 0.88, f"{subtype}_cue", subtype)
            if _BENEFIT.search(t) and not _COST.search(t):
                return _hit("change", 0.85, "reason_cue", "reason")
    if _NEUTRAL.match(t):
        return _hit("neutral", 0.85, "noncommittal")
    return None


__all__ = [
    "change_subtype_cue",
    "client_rule",
    "normalize",
    "practitioner_rule",
    "reflection_subtype_cue",
]
