from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from khuyencong.models import Commune, Membership, Organisation, Province

admin.site.site_header = _("Industrial extension portal: administration")
admin.site.site_title = _("Industrial extension portal")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "era", "kind", "region", "successor", "became_city_on"]
    list_filter = ["era", "kind", "region"]
    search_fields = ["name", "search_name", "code"]
    list_select_related = ["successor"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "search_name", "code"]
    list_select_related = ["province"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "email", "phone"]
    list_filter = ["kind", "province__region"]
    search_fields = ["name", "province__name"]
    list_select_related = ["province"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
