from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from peerpath.notifications.actions import do_mark_notifications_read
from peerpath.notifications.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user)[:100]
    return render(request, "notifications/list.html", {"notifications": notifications})


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    do_mark_notifications_read(request.user)  # type: ignore[arg-type]
    return redirect("notifications-list")
