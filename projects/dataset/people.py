"""The people of the synthetic country: a centre and a Sở for every unit and old province that
has none (organisations are reference data: seed_demo's are reused, none is deleted), and the
generated users (`gen.` + role + unit code), each a member of their organisation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from khuyencong.demo import MINISTRY_NAME, centre_name, department_name
from khuyencong.models import Membership, Organisation, Role
from projects.dataset.bulk import batch_size
from projects.dataset.draws import person_name, random_for
from projects.dataset.options import USER_PREFIX


class PeopleWriter:
    """The generator's part that writes organisations and users (see generator.Generator for
    the state it shares: options, summary, units and old provinces)."""

    def organisations(self) -> None:
        existing = {}
        for org in Organisation.objects.exclude(kind=Organisation.Kind.MINISTRY).order_by("pk"):
            existing.setdefault((org.province_id, org.kind), org)  # the oldest, as seed_demo
        ministry = (
            Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("pk").first()
        )
        new = []
        if ministry is None:
            ministry = Organisation(kind=Organisation.Kind.MINISTRY, name=MINISTRY_NAME)
            new.append(ministry)
        self.centres, self.departments = {}, {}
        for province in [*self.units, *self.legacy]:
            for kind, name, into in (
                (Organisation.Kind.CENTRE, centre_name(province), self.centres),
                (Organisation.Kind.DEPARTMENT, department_name(province), self.departments),
            ):
                org = existing.get((province.pk, kind))
                if org is None:
                    org = Organisation(kind=kind, name=name, province=province)
                    new.append(org)
                into[province.pk] = org
        Organisation.objects.bulk_create(new, batch_size=batch_size(Organisation))
        self.ministry = ministry
        self.summary.organisations = len(new)

    def users(self) -> None:
        User = get_user_model()
        password = make_password(self.options.password)  # hashed once: PBKDF2 is slow on purpose
        rng = random_for(self.options, "users")
        people = [(f"{USER_PREFIX}ministry", self.ministry, Role.MINISTRY)]
        for unit in self.units:
            people += [
                (f"{USER_PREFIX}centre.{unit.code}", self.centres[unit.pk], Role.CENTER_HEAD),
                (f"{USER_PREFIX}staff.{unit.code}", self.centres[unit.pk], Role.CENTER_STAFF),
                (
                    f"{USER_PREFIX}so.{unit.code}",
                    self.departments[unit.pk],
                    Role.DEPARTMENT_REVIEWER,
                ),
            ]
        users = []
        for username, _org, _role in people:
            first, _sep, last = person_name(rng).rpartition(" ")
            users.append(
                User(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.vn",
                )
            )
        User.objects.bulk_create(users)
        by_name = {u.username: u for u in User.objects.filter(username__startswith=USER_PREFIX)}
        Membership.objects.bulk_create(
            Membership(user=by_name[username], organisation=org, role=role)
            for username, org, role in people
        )
        self.head = {u.pk: by_name[f"{USER_PREFIX}centre.{u.code}"] for u in self.units}
        self.staff = {u.pk: by_name[f"{USER_PREFIX}staff.{u.code}"] for u in self.units}
        self.reviewer = {u.pk: by_name[f"{USER_PREFIX}so.{u.code}"] for u in self.units}
        self.summary.users = len(users)
