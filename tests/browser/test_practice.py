from peerpath.practice.exercises import get_exercise


def test_practise_one_exercise_end_to_end_in_spanish(phone, reference_data):
    phone.goto("/practice/")
    phone.get_by_role("button", name="Español").click()
    phone.wait_for_load_state()
    exercise = get_exercise("open_question")
    phone.get_by_role("link", name=exercise.data["title_es"]).click()
    phone.wait_for_url("**/practice/open_question/**")
    situation = phone.locator(".prompt blockquote").inner_text()
    assert any(prompt.data["client_es"] == situation.strip() for prompt in exercise.prompts)
    phone.get_by_label("Su respuesta").fill("You should just tell your manager to change it.")
    phone.get_by_role("button", name="Comprobar mi respuesta").click()
    feedback = phone.locator(".feedback")
    feedback.wait_for()
    text = feedback.inner_text()
    assert "consejo" in text.lower()
    assert "Dos respuestas que funcionarían" in phone.locator("#coach").inner_text()
    # An open question that fits whichever situation the page drew.
    phone.get_by_label("Su respuesta").fill("¿Qué es lo más difícil de esto para usted?")
    phone.get_by_role("button", name="Comprobar mi respuesta").click()
    phone.locator(".feedback", has_text="✓").wait_for()
    phone.get_by_role("button", name="Siguiente").click()
    phone.wait_for_url("**prompt=**")
    assert phone.locator("html").get_attribute("lang") == "es"


def test_a_spanish_affirmation_that_is_only_praise_is_not_passed(phone, reference_data):
    phone.goto("/practice/")
    phone.get_by_role("button", name="Español").click()
    phone.wait_for_load_state()
    exercise = get_exercise("affirmation")
    prompt = exercise.prompt("af-11")
    assert prompt is not None
    phone.goto(f"/practice/affirmation/?prompt={prompt.code}")
    situation = phone.locator(".prompt blockquote").inner_text()
    assert situation.strip() == prompt.data["client_es"]
    phone.get_by_label("Su respuesta").fill("¡Buen trabajo!")
    phone.get_by_role("button", name="Comprobar mi respuesta").click()
    feedback = phone.locator(".feedback")
    feedback.wait_for()
    text = feedback.inner_text()
    assert "✓" not in text
    assert "Un elogio como “buen trabajo”" in text
    assert "Podría intentar:" in text
    assert phone.locator("html").get_attribute("lang") == "es"
