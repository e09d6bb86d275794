from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from peerpath.accounts import staff_views as accounts_staff_views
from peerpath.api.views import api
from peerpath.audit.admin_reads import audit_admin_reads
from peerpath.catalog import views as catalog_views
from peerpath.intake import views as intake_views
from peerpath.participants import urls as participant_urls
from peerpath.privacy import urls as privacy_urls
from peerpath.web import views as web_views

admin.site.site_header = "PeerPath administration"
# Sign-in always goes through the account pages, which enforce the second factor.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
# Every admin page about people is a staff read, audited like the others.
audit_admin_reads(admin.site)

urlpatterns = [
    path("", web_views.home, name="web-home"),
    path("healthz", web_views.healthz, name="web-healthz"),
    path("explore/", web_views.explore, name="web-explore"),
    path("path/", web_views.certification_path, name="web-path"),
    path("learn/", web_views.learn, name="web-learn"),
    path("learn/<slug:slug>/", web_views.learn_topic, name="web-learn-topic"),
    path("specializations/", web_views.specializations, name="web-specializations"),
    path("competencies/", web_views.competencies, name="web-competencies"),
    path("training/", catalog_views.find_training, name="catalog-find-providers"),
    path("training/<slug:slug>/", catalog_views.show_provider, name="catalog-show-provider"),
    path("after-login/", web_views.after_login, name="web-after-login"),
    path("staff/", web_views.staff_home, name="web-staff-home"),
    path("staff/admin/", include("peerpath.accounts.staff_urls")),
    path("staff/intake/", include("peerpath.intake.staff_urls")),
    path("staff/reports/", include("peerpath.reports.urls")),
    path("staff/emails/failed/", include("peerpath.notifications.staff_urls")),
    path("staff/", include(participant_urls.staff_urlpatterns)),
    path("staff/", include(privacy_urls.staff_urlpatterns)),
    path("me/", include(participant_urls.me_urlpatterns)),
    path("me/privacy/", include(privacy_urls.me_urlpatterns)),
    path("i18n/setlang/", web_views.change_language, name="set_language"),
    path("practice/", include("peerpath.practice.urls")),
    path("start/", include("peerpath.intake.urls")),
    path("p/<slug:slug>/apply/", intake_views.program_link, name="intake-program-link"),
    path("certification/", include("peerpath.certification.urls")),
    path("careers/", include("peerpath.careers.urls")),
    path("messages/", include("peerpath.notifications.urls")),
    path("plan/", include("peerpath.plan.urls")),
    path("hours/", include("peerpath.training.urls")),
    path("sessions/", include("peerpath.schedule.urls")),
    path(
        "accounts/invitation/<str:token>/",
        accounts_staff_views.accept_invitation,
        name="accounts-accept-invitation",
    ),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
