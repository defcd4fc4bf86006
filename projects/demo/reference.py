"""The reference rows the demo seeders look up: provinces, centres, communes, contents,
indicators and the demo staff of each unit."""

from django.contrib.auth import get_user_model

from khuyencong.demo import DEMO_PROVINCES
from khuyencong.models import Commune, Organisation, Province
from projects.demo.establishments import ESTABLISHMENTS
from projects.demo.plans import CURRENT, PLANS
from projects.models import Content, Indicator, Plan, PlanStatus, Project
from projects.services import ActivityRule


class DemoReference:
    """Rows the demo seeders look up, each kind fetched in one query (projects' seeder here,
    and later apps' demo modules: funding.demo carries out the approved plans)."""

    def __init__(self):
        wanted = {(spec.era, spec.code) for spec in PLANS} | {
            (CURRENT, est.unit) for est in ESTABLISHMENTS.values()
        }
        self.provinces = {
            (p.era, p.code): p
            for p in Province.objects.select_related("successor").filter(
                era__in=[era for era, _ in wanted], code__in=[code for _, code in wanted]
            )
            if (p.era, p.code) in wanted
        }
        units = {code for era, code in wanted if era == CURRENT}
        self.centres = {}
        for org in Organisation.objects.filter(
            kind=Organisation.Kind.CENTRE, province__era=CURRENT, province__code__in=units
        ).order_by("pk"):
            self.centres.setdefault(org.province_id, org)
        self.communes = {
            (c.province_id, c.name): c
            for c in Commune.objects.filter(province__era=CURRENT, province__code__in=units)
        }
        self.contents = {c.code: c for c in Content.objects.all()}
        self.activity_rule = ActivityRule.load()
        self.indicators = {i.name: i for i in Indicator.objects.all()}
        slugs = {code: slug for slug, code in DEMO_PROVINCES.items()}
        usernames = {f"canbo.{slug}": code for code, slug in slugs.items()}
        self.staff = {
            usernames[user.username]: user
            for user in get_user_model().objects.filter(username__in=usernames)
        }

    def unit(self, spec_province: Province) -> Province:
        """The current unit that keeps a province's records (Cần Thơ for Sóc Trăng)."""
        if spec_province.era == CURRENT:
            return spec_province
        return spec_province.successor

    def commune(self, unit: Province, name: str) -> Commune | None:
        if not name:
            return None
        try:
            return self.communes[(unit.pk, name)]
        except KeyError:
            raise ValueError(f"No commune {name!r} in {unit.name}.") from None

    def staff_of(self, project: Project):
        """The demo staff user of the centre that now keeps the đề án's records."""
        return self.staff.get(self.unit(project.plan.province).code)

    def approved_plans(self) -> list[Plan]:
        """The approved demo plans as stored, in the order of PLANS (those not seeded left out)."""
        return [
            plan
            for spec in PLANS
            if spec.status == PlanStatus.APPROVED
            and (
                plan := Plan.objects.filter(
                    province=self.provinces[(spec.era, spec.code)], year=spec.year
                ).first()
            )
            is not None
        ]
