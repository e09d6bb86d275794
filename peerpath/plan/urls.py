from django.urls import path

from peerpath.plan.views import competencies, goals, overview, questionnaire

urlpatterns = [
    path("", overview.show_plan, name="plan-show-plan"),
    path("questionnaire/", questionnaire.show_questionnaire, name="plan-show-questionnaire"),
    path("confidence/", questionnaire.record_confidence, name="plan-record-confidence"),
    path("goals/", goals.list_goals, name="plan-list-goals"),
    path("goals/<int:goal_id>/", goals.show_goal, name="plan-show-goal"),
    path("competencies/", competencies.show_competencies, name="plan-show-competencies"),
    path("competencies/start/", competencies.start_assessment, name="plan-start-assessment"),
    path(
        "competencies/<int:assessment_id>/",
        competencies.show_assessment,
        name="plan-show-assessment",
    ),
    path(
        "competencies/<int:assessment_id>/finish/",
        competencies.finish_assessment,
        name="plan-finish-assessment",
    ),
    path(
        "competencies/<int:assessment_id>/discard/",
        competencies.discard_assessment,
        name="plan-discard-assessment",
    ),
    path(
        "competencies/<int:assessment_id>/rate/<slug:category>/",
        competencies.rate_assessment,
        name="plan-rate-assessment",
    ),
    # Staff: a participant's plan, reached from the caseload or their record.
    path("people/<int:participant_id>/", overview.show_person_plan, name="plan-show-person-plan"),
    path(
        "people/<int:participant_id>/questionnaire/",
        questionnaire.show_person_questionnaire,
        name="plan-show-person-questionnaire",
    ),
    path(
        "people/<int:participant_id>/goals/",
        goals.list_person_goals,
        name="plan-list-person-goals",
    ),
    path(
        "people/<int:participant_id>/goals/<int:goal_id>/",
        goals.show_person_goal,
        name="plan-show-person-goal",
    ),
    path(
        "people/<int:participant_id>/competencies/",
        competencies.show_person_competencies,
        name="plan-show-person-competencies",
    ),
    path(
        "people/<int:participant_id>/competencies/start/",
        competencies.start_person_assessment,
        name="plan-start-person-assessment",
    ),
    path(
        "people/<int:participant_id>/competencies/<int:assessment_id>/",
        competencies.show_person_assessment,
        name="plan-show-person-assessment",
    ),
    path(
        "people/<int:participant_id>/competencies/<int:assessment_id>/finish/",
        competencies.finish_person_assessment,
        name="plan-finish-person-assessment",
    ),
    path(
        "people/<int:participant_id>/competencies/<int:assessment_id>/discard/",
        competencies.discard_person_assessment,
        name="plan-discard-person-assessment",
    ),
    path(
        "people/<int:participant_id>/competencies/<int:assessment_id>/rate/<slug:category>/",
        competencies.rate_person_assessment,
        name="plan-rate-person-assessment",
    ),
]
