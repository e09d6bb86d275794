"""Careers forms: they parse and validate; actions write."""

from peerpath.careers.forms.interview import AnswerForm, FeedbackForm, TipsForm, WorksheetForm
from peerpath.careers.forms.placements import (
    FollowUpForm,
    OwnPlacementForm,
    PlacementForm,
    QuarterEarningsForm,
)
from peerpath.careers.forms.resumes import EntryForm, NewResumeForm, ResumeForm

__all__ = [
    "AnswerForm",
    "EntryForm",
    "FeedbackForm",
    "FollowUpForm",
    "NewResumeForm",
    "OwnPlacementForm",
    "PlacementForm",
    "QuarterEarningsForm",
    "ResumeForm",
    "TipsForm",
    "WorksheetForm",
]
