"""Plan pages: the participant's own (`/plan/...`) and staff's view of a participant's
(`/plan/people/<id>/...`), sharing one implementation per page."""
