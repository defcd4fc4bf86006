"""Load the 3.321 communes (xã, phường, đặc khu) of the 34 units from `vietnam-provinces`."""

from django.db import migrations

from khuyencong.migrations._frozen_text import normalize

KINDS = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}


def load_communes(apps, schema_editor):
    from vietnam_provinces import Ward

    Province = apps.get_model("khuyencong", "Province")
    Commune = apps.get_model("khuyencong", "Commune")
    provinces = {p.code: p for p in Province.objects.filter(era="2025")}
    existing = set(Commune.objects.values_list("code", flat=True))
    new = []
    for ward in Ward.iter_all():
        code = f"{ward.code.value:05d}"
        if code in existing:
            continue
        new.append(
            Commune(
                code=code,
                name=" ".join(ward.name.split()),  # the package has a few double spaces
                kind=KINDS[ward.division_type.value],
                province=provinces[f"{ward.province_code.value:02d}"],
                search_name=normalize(ward.name),
            )
        )
    Commune.objects.bulk_create(new, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("khuyencong", "0002_load_provinces")]

    operations = [migrations.RunPython(load_communes, migrations.RunPython.noop)]
