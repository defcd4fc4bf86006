"""Load the khuyến công contents and the output indicators (Decree 45/2012, amended by Decree
235/2025). Editable in the admin afterwards; keyed on code / name, so loading again is harmless.

The data and the loader live here, frozen: a migration never imports live code, so a later
change to the app cannot change what this migration did.
"""

from django.db import migrations

# (code, name, parent code, needs beneficiaries)
CONTENTS = [
    ("1", "Đào tạo nghề, truyền nghề, phát triển nghề", None, False),
    ("2", "Nâng cao năng lực quản lý (tập huấn, hội thảo, khởi sự doanh nghiệp)", None, False),
    ("2.1", "Hỗ trợ khởi sự doanh nghiệp công nghiệp nông thôn", "2", True),
    (
        "3",
        "Mô hình trình diễn kỹ thuật; chuyển giao công nghệ; ứng dụng máy móc thiết bị tiên tiến",
        None,
        True,
    ),
    ("3.1", "Xây dựng mô hình trình diễn kỹ thuật", "3", True),
    ("3.2", "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ", "3", True),
    (
        "4",
        "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu (bình chọn; hội chợ, triển lãm; "
        "phòng trưng bày; nhãn hiệu, thương hiệu)",
        None,
        False,
    ),
    ("4.1", "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu", "4", False),
    ("4.2", "Hội chợ, triển lãm trong nước", "4", False),
    ("4.3", "Hội chợ, triển lãm ở nước ngoài", "4", False),
    ("4.4", "Phòng trưng bày, giới thiệu sản phẩm", "4", True),
    ("4.5", "Đăng ký nhãn hiệu, xây dựng thương hiệu", "4", True),
    ("5", "Tư vấn, trợ giúp cơ sở công nghiệp nông thôn", None, True),
    ("6", "Thông tin, tuyên truyền", None, False),
    ("7", "Liên doanh, liên kết; phát triển cụm công nghiệp", None, False),
    ("8", "Sản xuất sạch hơn; sản xuất và tiêu dùng bền vững", None, True),
    ("9", "Hợp tác quốc tế về khuyến công", None, False),
    (
        "10",
        "Nâng cao năng lực quản lý và tổ chức thực hiện hoạt động khuyến công",
        None,
        False,
    ),
    ("11", "Hỗ trợ chuyển đổi số (Nghị định 235/2025/NĐ-CP)", None, True),
    ("12", "Hỗ trợ nghệ nhân (Nghị định 235/2025/NĐ-CP)", None, True),
]

# (name, unit, content codes)
INDICATORS = [
    ("Lao động được đào tạo nghề, truyền nghề", "người", ["1"]),
    ("Lớp đào tạo nghề, truyền nghề", "lớp", ["1"]),
    ("Hội nghị, hội thảo, lớp tập huấn", "cuộc", ["2", "9", "10"]),
    ("Lượt người tham dự tập huấn, hội thảo", "lượt người", ["2", "2.1", "9", "10"]),
    ("Cơ sở được hỗ trợ khởi sự", "cơ sở", ["2.1"]),
    ("Mô hình trình diễn kỹ thuật được xây dựng", "mô hình", ["3", "3.1"]),
    ("Cơ sở được hỗ trợ máy móc thiết bị", "cơ sở", ["3", "3.2"]),
    ("Máy móc, thiết bị được hỗ trợ", "máy, thiết bị", ["3", "3.1", "3.2"]),
    ("Sản phẩm được công nhận sản phẩm CNNT tiêu biểu", "sản phẩm", ["4", "4.1"]),
    ("Hội chợ, triển lãm được tổ chức hoặc tham gia", "hội chợ", ["4", "4.2", "4.3"]),
    ("Lượt cơ sở tham gia hội chợ, triển lãm", "lượt cơ sở", ["4", "4.2", "4.3"]),
    ("Phòng trưng bày, điểm giới thiệu sản phẩm", "phòng", ["4", "4.4"]),
    ("Nhãn hiệu được đăng ký", "nhãn hiệu", ["4", "4.5"]),
    ("Cơ sở được tư vấn, trợ giúp", "cơ sở", ["5"]),
    ("Ấn phẩm, tin bài, phóng sự", "ấn phẩm", ["6"]),
    ("Cụm công nghiệp được hỗ trợ", "cụm", ["7"]),
    ("Cơ sở áp dụng sản xuất sạch hơn", "cơ sở", ["8"]),
    ("Đoàn khảo sát, học tập kinh nghiệm", "đoàn", ["9"]),
    ("Cơ sở được hỗ trợ chuyển đổi số", "cơ sở", ["11"]),
    ("Nghệ nhân được hỗ trợ", "người", ["12"]),
]


def load_contents_and_indicators(apps, schema_editor=None):
    Content = apps.get_model("projects", "Content")
    Indicator = apps.get_model("projects", "Indicator")
    by_code = {}
    for order, (code, name, parent, needs) in enumerate(CONTENTS):
        content, _ = Content.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": by_code.get(parent),
                "needs_beneficiaries": needs,
                "sort_order": order,
            },
        )
        by_code[code] = content
    for order, (name, unit, codes) in enumerate(INDICATORS):
        indicator, _ = Indicator.objects.update_or_create(
            name=name, defaults={"unit": unit, "sort_order": order}
        )
        indicator.contents.set([by_code[c] for c in codes])




class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load_contents_and_indicators, migrations.RunPython.noop)]
