import re

import pytest
from django import forms

from peerpath.lib.widgets import Select

CHOICES = [("", "All"), ("1", "Ana & <Ben>"), ("2", 'Quote "me"'), ("Group", [("3", "Three")])]


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("value", [None, "", "1", "3", "missing"])
@pytest.mark.parametrize(
    "attrs", [{}, {"id": "id_advocate", "aria-describedby": "x_error", "required": True}]
)
def test_the_select_writes_the_same_html_as_djangos(value, attrs):
    ours = Select(choices=CHOICES).render("advocate", value, attrs)
    django = forms.Select(choices=CHOICES).render("advocate", value, attrs)
    assert squeeze(ours) == squeeze(django)
    assert "&lt;Ben&gt;" in ours and "Ana &amp;" in ours
