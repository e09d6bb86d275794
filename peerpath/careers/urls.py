from django.urls import path

from peerpath.careers.views import interview, placements, public, resumes, staff

person = "people/<int:participant_id>/"

urlpatterns = [
    path("", public.careers_home, name="careers-home"),
    path("jobs/", public.job_landscape, name="careers-show-jobs"),
    path("employers/", public.employer_guide, name="careers-show-employer-guide"),
    # The participant's own pages.
    path("interview/", interview.prepare_interview, name="careers-prepare-interview"),
    path("interview/questions/", interview.list_questions, name="careers-list-questions"),
    path(
        "interview/questions/<slug:code>/",
        interview.answer_question,
        name="careers-answer-question",
    ),
    path("resumes/", resumes.list_resumes, name="careers-list-resumes"),
    path("resumes/new/", resumes.new_resume, name="careers-new-resume"),
    path("resumes/<int:resume_id>/", resumes.edit_resume, name="careers-edit-resume"),
    path(
        "resumes/<int:resume_id>/add/<slug:section>/",
        resumes.add_entry,
        name="careers-add-entry",
    ),
    path(
        "resumes/<int:resume_id>/entries/<int:entry_id>/",
        resumes.edit_entry,
        name="careers-edit-entry",
    ),
    path("resumes/<int:resume_id>/copy/", resumes.copy_resume, name="careers-copy-resume"),
    path("resumes/<int:resume_id>/delete/", resumes.delete_resume, name="careers-delete-resume"),
    path("resumes/<int:resume_id>/preview/", resumes.preview_resume, name="careers-preview-resume"),
    path(
        "resumes/<int:resume_id>/download/<slug:fmt>/",
        resumes.download_resume,
        name="careers-download-resume",
    ),
    path("job/", placements.show_my_job, name="careers-show-my-job"),
    path("job/<int:placement_id>/", placements.update_my_job, name="careers-update-my-job"),
    # Staff pages, one participant at a time.
    path("people/", staff.list_people, name="careers-list-people"),
    path(person, staff.show_person, name="careers-show-person"),
    path(person + "answers/<slug:code>/", interview.review_answer, name="careers-review-answer"),
    path(
        person + "resumes/<int:resume_id>/",
        resumes.view_person_resume,
        name="careers-view-person-resume",
    ),
    path(
        person + "resumes/<int:resume_id>/download/<slug:fmt>/",
        resumes.download_person_resume,
        name="careers-download-person-resume",
    ),
    path(person + "placements/new/", placements.new_placement, name="careers-new-placement"),
    path(
        person + "placements/<int:placement_id>/",
        placements.edit_placement,
        name="careers-edit-placement",
    ),
    path(
        person + "placements/<int:placement_id>/earnings/",
        placements.record_quarter_earnings,
        name="careers-record-quarter-earnings",
    ),
    path(
        person + "placements/<int:placement_id>/follow-ups/<int:milestone>/",
        placements.record_follow_up,
        name="careers-record-follow-up",
    ),
]
