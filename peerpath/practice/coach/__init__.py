"""Motivational Interviewing practice coach: rules plus a small text model.

Public API lives in ``peerpath.practice.coach.classifier`` (``classify`` and
``classify_many``); see ``docs/coach.md``.
"""
