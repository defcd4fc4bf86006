"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth import get_user_model

from khuyencong.models import Membership, Organisation, Province, Role


def current_province(code: str) -> Province:
    return Province.objects.get(era=Province.Era.Y2025, code=code)


def legacy_province(code: str) -> Province:
    return Province.objects.get(era=Province.Era.LEGACY, code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    first_name = "Nguyễn Văn"
    last_name = "A"
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.CENTRE
    name = factory.LazyAttribute(lambda o: f"Trung tâm Khuyến công {o.province.name}")
    province = factory.LazyFunction(lambda: current_province("92"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CENTER_STAFF
