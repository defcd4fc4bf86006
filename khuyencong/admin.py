from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from khuyencong.models import AccountEvent, Commune, Membership, Organisation, Province

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


def _record_membership_change(request, membership: Membership, change: bool) -> None:
    """The administrator's changes to who belongs where are account events too (the staff page
    of the organisation shows them)."""
    from khuyencong.accounts.services import account_event_record

    old = {}
    if change and membership.pk:
        old = Membership.objects.filter(pk=membership.pk).values("organisation_id", "role").first()
    if old and old == {"organisation_id": membership.organisation_id, "role": membership.role}:
        return
    account_event_record(
        kind=AccountEvent.Kind.ADMIN_CHANGED if old else AccountEvent.Kind.INVITED,
        user=membership.user,
        actor=request.user,
        organisation=membership.organisation,
        **({"old": old["role"], "new": membership.role} if old else {"role": membership.role}),
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations and their people: the administrator appoints each organisation's head here
    (a head then manages the rest at /accounts/staff/)."""

    list_display = ["name", "kind", "province", "email", "phone"]
    list_filter = ["kind", "province__region"]
    search_fields = ["name", "province__name"]
    list_select_related = ["province"]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            for inline_form in formset.forms:
                if inline_form.has_changed() and not formset._should_delete_form(inline_form):
                    _record_membership_change(
                        request, inline_form.instance, bool(inline_form.instance.pk)
                    )
        super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        _record_membership_change(request, obj, change)
        super().save_model(request, obj, form, change)


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Read only: what happened to accounts, kept for ever."""

    list_display = ["at", "kind", "user_label", "actor_label", "organisation", "email", "address"]
    list_filter = ["kind"]
    search_fields = ["user_label", "actor_label", "email"]
    list_select_related = ["organisation"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, where accounts are deactivated, never deleted (the history of plans
    and đề án keeps their names), and each change of the active flag or password is an event."""

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from khuyencong.accounts.services import account_event_record

        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            account_event_record(
                kind=AccountEvent.Kind.REACTIVATED
                if obj.is_active
                else AccountEvent.Kind.DEACTIVATED,
                user=obj,
                actor=request.user,
            )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            from khuyencong.accounts.services import account_event_record

            account_event_record(
                kind=AccountEvent.Kind.PASSWORD_CHANGED,
                user=User.objects.get(pk=id),
                actor=request.user,
            )
        return response


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    """People's authenticator apps: listed, and removed when a phone is lost (the person sets up
    a new one at their next sign-in). django-otp's own admin would show each secret and its QR
    code to the administrator; nobody but the person needs them."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        from khuyencong.accounts.services import account_event_record

        super().delete_model(request, obj)
        account_event_record(
            kind=AccountEvent.Kind.TWO_FACTOR_RESET, user=obj.user, actor=request.user
        )

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            self.delete_model(request, device)
