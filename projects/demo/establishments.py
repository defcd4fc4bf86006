"""The demo establishments (cơ sở CNNT) as data, with their recognitions and yearly figures;
keys are the names the demo đề án use (projects/demo/plans.py)."""

from dataclasses import dataclass

from beneficiaries.models import BeneficiaryKind, ProductGroup, Recognition

SME, COOP = BeneficiaryKind.SME, BeneficiaryKind.COOPERATIVE
GROUP, HOUSEHOLD = BeneficiaryKind.COOPERATIVE_GROUP, BeneficiaryKind.HOUSEHOLD
FOOD, CRAFT = ProductGroup.FOOD, ProductGroup.HANDICRAFT


@dataclass(frozen=True)
class Est:
    """An establishment (cơ sở CNNT). `unit` is the code of the current (34-unit) province."""

    name: str
    kind: str
    unit: str
    commune: str
    old_address: str
    products: str
    representative: str
    employees: int
    revenue: int
    tax9: str = ""  # first nine digits of the tax code; blank for a household business
    group: str = FOOD
    women_owned: bool = False
    ethnic_minority: bool = False
    craft_village: str = ""
    ocop_stars: int | None = None


ST = "tỉnh Sóc Trăng"

ESTABLISHMENTS = {
    # Sóc Trăng (now Cần Thơ): the food-processing machinery group of 2023.
    "pia_tan_hung_phat": Est(
        "Công ty TNHH Bánh pía Tân Hưng Phát", SME, "92", "Xã Phú Tâm",
        f"ấp Phú Hòa A, xã Phú Tâm, huyện Châu Thành, {ST}",
        "Bánh pía sầu riêng trứng muối, bánh in, bánh bò thốt nốt", "Trần Thị Mỹ Hạnh",
        42, 8_500_000_000, tax9="220045871", women_owned=True,
        craft_village="Làng nghề bánh pía Vũng Thơm", ocop_stars=4,
    ),
    "lap_xuong_hong_phuc": Est(
        "Cơ sở lạp xưởng Hồng Phúc", HOUSEHOLD, "92", "Xã An Ninh",
        f"ấp An Trạch, xã An Ninh, huyện Châu Thành, {ST}",
        "Lạp xưởng tươi, lạp xưởng tôm", "Lâm Văn Phúc", 15, 3_200_000_000,
    ),
    "tom_kho_ngoc_ha": Est(
        "Doanh nghiệp tư nhân Tôm khô Ngọc Hà", SME, "92", "Xã Vĩnh Hải",
        f"ấp Huỳnh Thu, xã Vĩnh Hải, thị xã Vĩnh Châu, {ST}",
        "Tôm khô, tôm khô nguyên vỏ, tép khô", "Lý Thị Ngọc Hà", 28, 6_100_000_000,
        tax9="220061394", women_owned=True, ocop_stars=3,
    ),
    "kho_ca_bay_lien": Est(
        "Hộ kinh doanh Khô cá lóc Bảy Liên", HOUSEHOLD, "92", "Xã Trần Đề",
        f"ấp Cảng, thị trấn Trần Đề, huyện Trần Đề, {ST}",
        "Khô cá lóc, khô cá sặc rằn", "Nguyễn Văn Bảy", 9, 1_800_000_000,
    ),
    # Sóc Trăng: the second KCQG machinery group of 2023.
    "nong_san_phuoc_thanh": Est(
        "Công ty TNHH MTV Nông sản Phước Thành", SME, "92", "Xã Lai Hòa",
        f"ấp Prey Chóp A, xã Lai Hòa, thị xã Vĩnh Châu, {ST}",
        "Hành tím sấy, hành phi, tỏi sấy", "Quách Văn Thành", 35, 12_400_000_000,
        tax9="220073528",
    ),
    "htx_hoa_tu": Est(
        "Hợp tác xã Nông nghiệp Hòa Tú", COOP, "92", "Xã Hòa Tú",
        f"ấp Hòa Phuông, xã Hòa Tú 1, huyện Mỹ Xuyên, {ST}",
        "Gạo thơm ST25, gạo lứt đóng gói", "Trương Văn Hòa", 24, 18_000_000_000,
        tax9="220088213", ocop_stars=4,
    ),
    "phong_tom_minh_chau": Est(
        "Cơ sở bánh phồng tôm Minh Châu", HOUSEHOLD, "92", "Xã Lịch Hội Thượng",
        f"ấp Nội Ô, thị trấn Lịch Hội Thượng, huyện Trần Đề, {ST}",
        "Bánh phồng tôm, bánh phồng cá", "Huỳnh Minh Châu", 18, 4_300_000_000,
    ),
    "mam_nam_dong": Est(
        "Cơ sở mắm cá lóc Năm Đồng", HOUSEHOLD, "92", "Xã Kế Sách",
        f"ấp An Thạnh, thị trấn Kế Sách, huyện Kế Sách, {ST}",
        "Mắm cá lóc, mắm cá sặc, mắm thái", "Phạm Thị Năm", 12, 2_600_000_000,
        women_owned=True,
    ),
    "htx_dua_cu_lao_dung": Est(
        "Hợp tác xã Dừa Cù Lao Dung", COOP, "92", "Xã Cù Lao Dung",
        f"ấp Phước Hòa, thị trấn Cù Lao Dung, huyện Cù Lao Dung, {ST}",
        "Kẹo dừa sáp, thạch dừa, dầu dừa", "Võ Thị Thu Trang", 30, 5_500_000_000,
        tax9="220097456", women_owned=True, ocop_stars=3,
    ),
    "co_khi_tu_thanh": Est(
        "Cơ sở cơ khí nông nghiệp Tư Thành", HOUSEHOLD, "92", "Xã Long Phú",
        f"ấp 2, thị trấn Long Phú, huyện Long Phú, {ST}",
        "Máy xới, máy sạ lúa, máy băm bèo", "Lê Văn Thành", 14, 3_900_000_000,
        group=ProductGroup.MACHINERY,
    ),
    # Sóc Trăng: KCĐP đề án of 2023.
    "pia_ut_hien": Est(
        "Cơ sở bánh pía Út Hiền", HOUSEHOLD, "92", "Xã Phú Tâm",
        f"ấp Phú Thành A, xã Phú Tâm, huyện Châu Thành, {ST}",
        "Bánh pía đậu xanh sầu riêng, bánh in", "Nguyễn Thị Hiền", 11, 2_100_000_000,
        women_owned=True, craft_village="Làng nghề bánh pía Vũng Thơm",
    ),
    "tom_kho_sau_dang": Est(
        "Cơ sở tôm khô Sáu Đáng", HOUSEHOLD, "92", "Xã Lai Hòa",
        f"ấp Xung Thum, xã Lai Hòa, thị xã Vĩnh Châu, {ST}",
        "Tôm khô loại đặc biệt, tôm khô nguyên vỏ", "Tăng Văn Đáng", 10, 2_900_000_000,
        ocop_stars=3,
    ),
    "lap_xuong_tan_hoa": Est(
        "Doanh nghiệp tư nhân Lạp xưởng Tân Hòa", SME, "92", "Xã Ngọc Tố",
        f"ấp Hòa Lý, xã Ngọc Tố, huyện Mỹ Xuyên, {ST}",
        "Lạp xưởng tươi, lạp xưởng khô, lạp xưởng tôm", "Trịnh Văn Hòa", 26, 7_800_000_000,
        tax9="220104367",
    ),
    "lap_xuong_tu_phat": Est(
        "Cơ sở lạp xưởng Tư Phát", HOUSEHOLD, "92", "Xã An Ninh",
        f"ấp Phú Ninh, xã An Ninh, huyện Châu Thành, {ST}",
        "Lạp xưởng tươi, lạp xưởng mai quế lộ", "Diệp Văn Phát", 8, 1_600_000_000,
    ),
    "kho_ca_thanh_tam": Est(
        "Cơ sở khô cá sặc Thanh Tâm", HOUSEHOLD, "92", "Xã Thạnh Thới An",
        f"ấp Giồng Chát, xã Thạnh Thới An, huyện Trần Đề, {ST}",
        "Khô cá sặc rằn, khô cá lóc", "Đỗ Thanh Tâm", 8, 1_500_000_000,
    ),
    "thuy_san_ngoc_lan": Est(
        "Công ty TNHH Thủy sản Ngọc Lan Vĩnh Châu", SME, "92", "Xã Vĩnh Hải",
        f"ấp Giồng Nhãn, xã Vĩnh Hải, thị xã Vĩnh Châu, {ST}",
        "Tôm khô, cá khô, mực khô", "Trần Ngọc Lan", 33, 9_600_000_000,
        tax9="220112589", women_owned=True,
    ),
    "luc_binh_my_huong": Est(
        "Tổ hợp tác đan lục bình Mỹ Hương", GROUP, "92", "Xã Mỹ Hương",
        f"ấp Mỹ Khánh, xã Mỹ Hương, huyện Mỹ Tú, {ST}",
        "Giỏ, túi xách, thảm đan lục bình", "Thạch Thị Sô Phia", 45, 1_200_000_000,
        group=CRAFT, women_owned=True, ethnic_minority=True,
    ),
    # Cần Thơ, 2026 drafts.
    "thuy_san_hai_dang": Est(
        "Công ty TNHH Chế biến thủy sản Hải Đăng", SME, "92", "Xã Trần Đề",
        f"ấp Cảng Trần Đề, thị trấn Trần Đề, huyện Trần Đề, {ST}",
        "Tôm đông lạnh, cá khô một nắng", "Lưu Hải Đăng", 48, 21_000_000_000,
        tax9="220125734",
    ),
    "kho_ca_ut_muoi": Est(
        "Cơ sở chế biến khô cá lóc Út Mười", HOUSEHOLD, "92", "Xã Thới Lai",
        "ấp Thới Thuận B, thị trấn Thới Lai, huyện Thới Lai, thành phố Cần Thơ",
        "Khô cá lóc, khô cá tra phồng", "Nguyễn Văn Mười", 7, 1_400_000_000,
    ),
    "htx_banh_trang_phong_dien": Est(
        "Hợp tác xã Bánh tráng Phong Điền", COOP, "92", "Xã Phong Điền",
        "ấp Nhơn Lộc 1, thị trấn Phong Điền, huyện Phong Điền, thành phố Cần Thơ",
        "Bánh tráng nem, bánh tráng sữa, hủ tiếu khô", "Huỳnh Thị Thu Ba", 36, 4_800_000_000,
        tax9="180093462", women_owned=True, ocop_stars=3,
    ),
    # Hòa Bình (now Phú Thọ).
    "htx_tho_cam_ban_lac": Est(
        "Hợp tác xã Dệt thổ cẩm Bản Lác", COOP, "25", "Xã Mai Châu",
        "bản Lác 1, xã Chiềng Châu, huyện Mai Châu, tỉnh Hòa Bình",
        "Khăn, túi, váy thổ cẩm dệt tay", "Hà Thị Lan", 40, 3_600_000_000,
        tax9="540045719", group=CRAFT, women_owned=True, ethnic_minority=True,
        craft_village="Làng nghề dệt thổ cẩm bản Lác", ocop_stars=4,
    ),
    "cam_cao_phong_xanh": Est(
        "Công ty TNHH Nông sản Cao Phong Xanh", SME, "25", "Xã Cao Phong",
        "khu 2, thị trấn Cao Phong, huyện Cao Phong, tỉnh Hòa Bình",
        "Nước cam ép, mứt cam, cam sấy dẻo", "Bùi Văn Tuấn", 22, 6_700_000_000,
        tax9="540031287", ethnic_minority=True,
    ),
    "cam_hung_cuong": Est(
        "Cơ sở sơ chế, đóng gói cam Hùng Cường", HOUSEHOLD, "25", "Xã Cao Phong",
        "xóm Đồi, thị trấn Cao Phong, huyện Cao Phong, tỉnh Hòa Bình",
        "Cam Cao Phong sơ chế, đóng hộp quà", "Đinh Công Cường", 12, 2_400_000_000,
        ethnic_minority=True,
    ),
    "vlxd_lac_thuy": Est(
        "Công ty TNHH Vật liệu xây dựng Lạc Thủy", SME, "25", "Xã Lạc Thủy",
        "khu 6, thị trấn Chi Nê, huyện Lạc Thủy, tỉnh Hòa Bình",
        "Gạch không nung, gạch block bê tông", "Nguyễn Đức Mạnh", 38, 14_500_000_000,
        tax9="540031295", group=ProductGroup.MATERIALS,
    ),
    "htx_che_da_bac": Est(
        "Hợp tác xã Chè Shan tuyết Đà Bắc", COOP, "25", "Xã Đà Bắc",
        "tiểu khu Bến, thị trấn Đà Bắc, huyện Đà Bắc, tỉnh Hòa Bình",
        "Chè Shan tuyết, chè xanh sao sấy", "Lò Văn Thắng", 18, 1_900_000_000,
        tax9="540052341", ethnic_minority=True,
    ),
    # Phú Thọ, 2026 drafts.
    "htx_che_long_coc": Est(
        "Hợp tác xã Chè Long Cốc", COOP, "25", "Xã Long Cốc",
        "khu Thang, xã Long Cốc, huyện Tân Sơn, tỉnh Phú Thọ",
        "Chè xanh, chè búp khô", "Hà Văn Khánh", 25, 3_100_000_000,
        tax9="260147392", ethnic_minority=True, ocop_stars=4,
    ),
    "che_phu_hung": Est(
        "Công ty TNHH Chế biến chè Phú Hưng", SME, "25", "Xã Thanh Sơn",
        "khu Tân Thịnh, thị trấn Thanh Sơn, huyện Thanh Sơn, tỉnh Phú Thọ",
        "Chè đen, chè xanh xuất khẩu", "Nguyễn Văn Hưng", 60, 28_000_000_000,
        tax9="260158214",
    ),
    # Lào Cai and Yên Bái (now Lào Cai).
    "htx_ruou_ngo_ban_pho": Est(
        "Hợp tác xã Rượu ngô Bản Phố", COOP, "15", "Xã Bắc Hà",
        "thôn Bản Phố 1, xã Bản Phố, huyện Bắc Hà, tỉnh Lào Cai",
        "Rượu ngô men lá", "Vàng Seo Sử", 16, 2_800_000_000,
        tax9="530052648", ethnic_minority=True, ocop_stars=4,
    ),
    "htx_que_mau_a": Est(
        "Hợp tác xã Quế Mậu A", COOP, "15", "Xã Mậu A",
        "tổ dân phố 3, thị trấn Mậu A, huyện Văn Yên, tỉnh Yên Bái",
        "Tinh dầu quế, vỏ quế sơ chế", "Hoàng Văn Quế", 27, 9_200_000_000,
        tax9="520063181", ethnic_minority=True,
    ),
    "mang_hung_khanh": Est(
        "Cơ sở chế biến măng tre Bát Độ Hưng Khánh", HOUSEHOLD, "15", "Xã Hưng Khánh",
        "thôn Khe Cam, xã Hưng Khánh, huyện Trấn Yên, tỉnh Yên Bái",
        "Măng tươi, măng khô, măng ớt đóng lọ", "Hà Thị Mai", 9, 1_300_000_000,
        women_owned=True, ethnic_minority=True,
    ),
}  # fmt: skip

# (establishment, product, level, year)
RECOGNITIONS = [
    ("pia_tan_hung_phat", "Bánh pía sầu riêng trứng muối", Recognition.Level.PROVINCE, 2022),
    ("pia_tan_hung_phat", "Bánh pía sầu riêng trứng muối", Recognition.Level.REGION, 2023),
    ("tom_kho_ngoc_ha", "Tôm khô Vĩnh Châu loại đặc biệt", Recognition.Level.PROVINCE, 2022),
    ("htx_dua_cu_lao_dung", "Kẹo dừa sáp Cù Lao Dung", Recognition.Level.PROVINCE, 2022),
    ("htx_tho_cam_ban_lac", "Khăn choàng thổ cẩm dệt tay", Recognition.Level.PROVINCE, 2019),
    ("htx_tho_cam_ban_lac", "Khăn choàng thổ cẩm dệt tay", Recognition.Level.REGION, 2020),
    ("htx_tho_cam_ban_lac", "Khăn choàng thổ cẩm dệt tay", Recognition.Level.NATIONAL, 2022),
    ("htx_ruou_ngo_ban_pho", "Rượu ngô men lá Bản Phố", Recognition.Level.PROVINCE, 2022),
    ("htx_que_mau_a", "Tinh dầu quế Mậu A", Recognition.Level.PROVINCE, 2024),
]

# Before (2022) and after (2024) the 2023 machinery group đề án: (year, revenue, employees,
# capacity).
SNAPSHOTS = {
    "pia_tan_hung_phat": [
        (2022, 6_200_000_000, 35, "3 tấn bánh/tháng"),
        (2024, 8_500_000_000, 42, "5 tấn bánh/tháng"),
    ],
    "lap_xuong_hong_phuc": [
        (2022, 2_400_000_000, 12, "4 tấn lạp xưởng/tháng"),
        (2024, 3_200_000_000, 15, "6 tấn lạp xưởng/tháng"),
    ],
    "tom_kho_ngoc_ha": [
        (2022, 4_500_000_000, 24, "1,5 tấn tôm khô/tháng"),
        (2024, 6_100_000_000, 28, "2,5 tấn tôm khô/tháng"),
    ],
    "kho_ca_bay_lien": [
        (2022, 1_300_000_000, 7, "800 kg khô cá/tháng"),
        (2024, 1_800_000_000, 9, "1,2 tấn khô cá/tháng"),
    ],
}
