from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khuyencong.dashboard import panels_for
from khuyencong.scoping import home_province, membership_of, visible_provinces


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Who the user is and which provinces they see, then the panels the apps contribute."""
    membership = membership_of(request.user)
    province = home_province(request.user)
    merged = []
    if province is not None:
        merged = [p for p in visible_provinces(request.user) if p.pk != province.pk]
    return render(
        request,
        "khuyencong/dashboard.html",
        {
            "membership": membership,
            "province": province,
            "merged_provinces": merged,
            "panels": panels_for(request),
        },
    )
