"""Every write to trainings, hours, documents, placements and timesheets.

Hour limits are checked here, inside the transaction and with the person's row
locked, so two phones logging at once cannot pass the course's or the day's
limit between them. Forms only parse. A refused write raises `Refused` with
(field, message) pairs the view shows next to the fields.
"""

from peerpath.training.actions.common import (
    TIMESHEET_REVIEWER_ROLES,
    Refused,
    TimesheetLocked,
    jurisdiction_for,
    today_for,
)
from peerpath.training.actions.trainings import (
    do_add_training,
    do_add_training_document,
    do_delete_training_document,
    do_delete_training_hours,
    do_log_training_hours,
    do_review_training_document,
    do_update_training,
    logged_hours,
    training_is_locked,
)
from peerpath.training.actions.work import (
    do_add_timesheet_entry,
    do_delete_timesheet_entry,
    do_record_payroll_export,
    do_review_timesheet,
    do_save_placement,
    do_submit_timesheet,
    do_update_timesheet_entry,
    do_withdraw_timesheet,
)

__all__ = [
    "TIMESHEET_REVIEWER_ROLES",
    "Refused",
    "TimesheetLocked",
    "do_add_timesheet_entry",
    "do_add_training",
    "do_add_training_document",
    "do_delete_timesheet_entry",
    "do_delete_training_document",
    "do_delete_training_hours",
    "do_log_training_hours",
    "do_record_payroll_export",
    "do_review_timesheet",
    "do_review_training_document",
    "do_save_placement",
    "do_submit_timesheet",
    "do_update_timesheet_entry",
    "do_update_training",
    "do_withdraw_timesheet",
    "jurisdiction_for",
    "logged_hours",
    "today_for",
    "training_is_locked",
]
