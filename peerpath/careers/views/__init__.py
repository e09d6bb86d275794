"""Careers pages: public (jobs, employers), participant (interview, résumés, job), staff."""
