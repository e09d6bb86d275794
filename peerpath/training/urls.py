from django.urls import path

from peerpath.training.views import participant, shared, staff

urlpatterns = [
    path("", participant.my_hours, name="training-show-hours"),
    path("trainings/new/", participant.add_training, name="training-add-training"),
    path("trainings/<int:training_id>/", participant.show_training, name="training-show-training"),
    path(
        "trainings/<int:training_id>/edit/",
        participant.edit_training,
        name="training-edit-training",
    ),
    path(
        "trainings/<int:training_id>/hours/<int:entry_id>/delete/",
        participant.delete_hours,
        name="training-delete-hours",
    ),
    path("documents/<int:document_id>/", shared.show_document, name="training-show-document"),
    path(
        "documents/<int:document_id>/delete/",
        participant.delete_document,
        name="training-delete-document",
    ),
    path(
        "documents/<int:document_id>/review/",
        staff.review_document,
        name="training-review-document",
    ),
    path(
        "placements/<int:placement_id>/", participant.show_placement, name="training-show-placement"
    ),
    path(
        "placements/<int:placement_id>/edit/",
        staff.edit_placement,
        name="training-edit-placement",
    ),
    path("timesheets/", staff.timesheet_queue, name="training-list-timesheets"),
    path("timesheets/<int:timesheet_id>/", shared.show_timesheet, name="training-show-timesheet"),
    path(
        "timesheets/<int:timesheet_id>/submit/",
        participant.submit_timesheet,
        name="training-submit-timesheet",
    ),
    path(
        "timesheets/<int:timesheet_id>/withdraw/",
        participant.withdraw_timesheet,
        name="training-withdraw-timesheet",
    ),
    path(
        "timesheets/<int:timesheet_id>/review/",
        staff.review_timesheet,
        name="training-review-timesheet",
    ),
    path(
        "timesheet-entries/<int:entry_id>/edit/",
        participant.edit_timesheet_entry,
        name="training-edit-timesheet-entry",
    ),
    path(
        "timesheet-entries/<int:entry_id>/delete/",
        participant.delete_timesheet_entry,
        name="training-delete-timesheet-entry",
    ),
    path("people/<int:participant_id>/", staff.participant_hours, name="training-show-participant"),
    path(
        "people/<int:participant_id>/placements/new/",
        staff.add_placement,
        name="training-add-placement",
    ),
    path("payroll/", staff.export_payroll, name="training-export-payroll"),
]
