"""The user's notifications: the list (newest first, paginated) and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.converters import parse_ids, parse_next_path
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
    notification's link (a path of this site only)."""
    raw = request.POST.getlist("id")
    ids = parse_ids(raw)
    if ids is None:
        return HttpResponse(_("Unknown notification."), status=400)
    count = mark_read(user=request.user, ids=ids or None)
    target = parse_next_path(request, request.POST.get("next"))
    if target:
        return HttpResponseRedirect(target)
    if count and not raw:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications")
