"""The user's notifications: the list (newest first, paginated) and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.listing import paginate
from khuyencong.notifications import mark_read, notifications_for


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notifications_for(request.user))
    return render(request, "khuyencong/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """POST `id` (one or more) marks those read; no id marks every one. `next` may follow a
    notification's link (same site only)."""
    raw = request.POST.getlist("id")
    ids = [int(value) for value in raw if value.isdigit()]
    if raw and not ids:
        return HttpResponse(_("Unknown notification."), status=400)
    count = mark_read(user=request.user, ids=ids or None)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    if count and not raw:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications")
