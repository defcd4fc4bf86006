from khuyencong.navigation import sections_for
from khuyencong.notifications import unread_count
from khuyencong.scoping import membership_of


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = membership_of(user)
    return {
        "membership": membership,
        "nav_sections": sections_for(user, membership.role if membership else None, request.path),
        # One COUNT on an indexed column, whatever the number of notifications.
        "unread_notifications": unread_count(user),
    }
