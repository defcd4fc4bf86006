"""The demo plans, đề án and establishments as data (see projects.demo for how they are
fitted to the published figures)."""

import datetime
from dataclasses import dataclass

from beneficiaries.models import BeneficiaryKind, ProductGroup, Recognition
from khuyencong.models import Province
from projects.models import (
    PlanStatus,
    Program,
    ProjectStatus,
)

KCQG, KCDP = Program.KCQG, Program.KCDP
LEGACY, CURRENT = Province.Era.LEGACY, Province.Era.Y2025
PROPOSED, APPROVED = ProjectStatus.PROPOSED, ProjectStatus.APPROVED
IN_PROGRESS, ACCEPTED = ProjectStatus.IN_PROGRESS, ProjectStatus.ACCEPTED
SETTLED = ProjectStatus.SETTLED
AWAITING_MINISTRY = ProjectStatus.AWAITING_MINISTRY
SME, COOP = BeneficiaryKind.SME, BeneficiaryKind.COOPERATIVE
GROUP, HOUSEHOLD = BeneficiaryKind.COOPERATIVE_GROUP, BeneficiaryKind.HOUSEHOLD
FOOD, CRAFT = ProductGroup.FOOD, ProductGroup.HANDICRAFT

# Indicator names as loaded by projects/migrations/0002_contents_and_indicators.py.
TRAINED = "Lao động được đào tạo nghề, truyền nghề"
CLASSES = "Lớp đào tạo nghề, truyền nghề"
MEETINGS = "Hội nghị, hội thảo, lớp tập huấn"
ATTENDEES = "Lượt người tham dự tập huấn, hội thảo"
MODELS = "Mô hình trình diễn kỹ thuật được xây dựng"
EQUIPPED = "Cơ sở được hỗ trợ máy móc thiết bị"
MACHINES = "Máy móc, thiết bị được hỗ trợ"
RECOGNISED = "Sản phẩm được công nhận sản phẩm CNNT tiêu biểu"
FAIRS = "Hội chợ, triển lãm được tổ chức hoặc tham gia"
BOOTHS = "Lượt cơ sở tham gia hội chợ, triển lãm"
BRANDS = "Nhãn hiệu được đăng ký"
ADVISED = "Cơ sở được tư vấn, trợ giúp"
PUBLICATIONS = "Ấn phẩm, tin bài, phóng sự"
DIGITAL = "Cơ sở được hỗ trợ chuyển đổi số"


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


@dataclass(frozen=True)
class Part:
    est: str
    support: int
    counterpart: int


@dataclass(frozen=True)
class Out:
    indicator: str
    planned: int
    actual: int | None = None


@dataclass(frozen=True)
class Dean:
    """A đề án: its public money (KCQG or KCĐP after the programme) and counterpart."""

    program: str
    content: str
    status: str
    title: str
    public: int
    counterpart: int = 0
    parts: tuple[Part, ...] = ()
    outputs: tuple[Out, ...] = ()
    commune: str = ""
    months: tuple[int, int] = (4, 11)
    pilot: bool = False


@dataclass(frozen=True)
class PlanSpec:
    era: str
    code: str
    year: int
    status: str
    deans: tuple[Dean, ...]
    decision: tuple[str, datetime.date] | None = None


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

SOC_TRANG_2023 = PlanSpec(LEGACY, "94", 2023, PlanStatus.APPROVED, decision=(
    "452/QĐ-UBND", datetime.date(2023, 3, 15)), deans=(
    Dean(KCQG, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào chế biến thực phẩm tại các cơ sở công "
         "nghiệp nông thôn tỉnh Sóc Trăng", 900_000_000, 1_114_900_000, parts=(
             Part("pia_tan_hung_phat", 300_000_000, 350_000_000),
             Part("lap_xuong_hong_phuc", 250_000_000, 300_000_000),
             Part("tom_kho_ngoc_ha", 200_000_000, 264_900_000),
             Part("kho_ca_bay_lien", 150_000_000, 200_000_000),
         ), outputs=(Out(EQUIPPED, 4, 4), Out(MACHINES, 11, 11))),
    Dean(KCQG, "3.2", IN_PROGRESS,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sơ chế, chế biến nông sản, thủy sản và "
         "sản xuất cơ khí nông nghiệp tại các cơ sở công nghiệp nông thôn tỉnh Sóc Trăng",
         1_720_000_000, 2_307_300_000, pilot=True, months=(5, 12), parts=(
             Part("nong_san_phuoc_thanh", 300_000_000, 400_000_000),
             Part("htx_hoa_tu", 300_000_000, 390_000_000),
             Part("phong_tom_minh_chau", 300_000_000, 380_000_000),
             Part("mam_nam_dong", 300_000_000, 370_000_000),
             Part("htx_dua_cu_lao_dung", 280_000_000, 400_000_000),
             Part("co_khi_tu_thanh", 240_000_000, 367_300_000),
         ), outputs=(Out(EQUIPPED, 6), Out(MACHINES, 14))),
    Dean(KCDP, "1", ACCEPTED,
         "Đào tạo nghề đan lát lục bình cho lao động nông thôn xã Mỹ Hương, huyện Mỹ Tú",
         95_000_000, commune="Xã Mỹ Hương", months=(3, 6),
         outputs=(Out(TRAINED, 35, 35), Out(CLASSES, 1, 1))),
    Dean(KCDP, "1", IN_PROGRESS,
         "Đào tạo nghề làm bánh pía, bánh in cho lao động nông thôn xã Phú Tâm, huyện Châu Thành",
         110_000_000, commune="Xã Phú Tâm", months=(6, 9),
         outputs=(Out(TRAINED, 35), Out(CLASSES, 1))),
    Dean(KCDP, "1", APPROVED,
         "Đào tạo nghề may công nghiệp cho lao động nông thôn thị xã Vĩnh Châu",
         120_000_000, commune="Phường Vĩnh Châu", months=(8, 11),
         outputs=(Out(TRAINED, 40), Out(CLASSES, 2))),
    Dean(KCDP, "2", IN_PROGRESS,
         "Tập huấn nâng cao năng lực quản lý, khởi sự doanh nghiệp cho các cơ sở công nghiệp "
         "nông thôn tỉnh Sóc Trăng", 75_000_000, commune="Phường Sóc Trăng", months=(5, 10),
         outputs=(Out(MEETINGS, 2), Out(ATTENDEES, 120))),
    Dean(KCDP, "3.1", ACCEPTED,
         "Xây dựng mô hình trình diễn kỹ thuật sản xuất lạp xưởng theo dây chuyền khép kín tại "
         "Doanh nghiệp tư nhân Lạp xưởng Tân Hòa", 200_000_000, 470_000_000,
         commune="Xã Ngọc Tố", parts=(Part("lap_xuong_tan_hoa", 200_000_000, 470_000_000),),
         outputs=(Out(MODELS, 1, 1), Out(MACHINES, 6, 6))),
    Dean(KCDP, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất bánh pía tại cơ sở bánh pía "
         "Út Hiền", 250_000_000, 320_000_000, commune="Xã Phú Tâm",
         parts=(Part("pia_ut_hien", 250_000_000, 320_000_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 3, 3))),
    Dean(KCDP, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy sấy, máy phân loại tôm vào chế biến tôm khô tại cơ sở tôm khô "
         "Sáu Đáng", 180_000_000, 236_660_000, commune="Xã Lai Hòa",
         parts=(Part("tom_kho_sau_dang", 180_000_000, 236_660_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 2, 2))),
    Dean(KCDP, "3.2", IN_PROGRESS,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào chế biến lạp xưởng, khô cá tại các cơ "
         "sở công nghiệp nông thôn huyện Châu Thành và huyện Trần Đề",
         300_000_000, 330_000_000, parts=(
             Part("lap_xuong_tu_phat", 150_000_000, 160_000_000),
             Part("kho_ca_thanh_tam", 150_000_000, 170_000_000),
         ), outputs=(Out(EQUIPPED, 2), Out(MACHINES, 5))),
    Dean(KCDP, "3.2", APPROVED,
         "Hỗ trợ ứng dụng hệ thống máy sấy nhiệt, máy hút chân không vào chế biến tôm khô tại "
         "Công ty TNHH Thủy sản Ngọc Lan Vĩnh Châu", 200_000_000, 240_432_000,
         commune="Xã Vĩnh Hải", months=(7, 12),
         parts=(Part("thuy_san_ngoc_lan", 200_000_000, 240_432_000),),
         outputs=(Out(EQUIPPED, 1), Out(MACHINES, 2))),
    Dean(KCDP, "4.1", IN_PROGRESS,
         "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Sóc Trăng năm 2023",
         150_000_000, commune="Phường Sóc Trăng", months=(6, 10),
         outputs=(Out(RECOGNISED, 20),)),
    Dean(KCDP, "4.2", ACCEPTED,
         "Tổ chức cho các cơ sở công nghiệp nông thôn tham gia Hội chợ triển lãm hàng công "
         "nghiệp nông thôn tiêu biểu khu vực phía Nam năm 2023", 84_900_000, 65_000_000,
         months=(5, 7), outputs=(Out(FAIRS, 1, 1), Out(BOOTHS, 12, 12))),
    Dean(KCDP, "4.2", APPROVED,
         "Tổ chức Hội chợ hàng công nghiệp nông thôn tiêu biểu tỉnh Sóc Trăng năm 2023 gắn với "
         "Lễ hội Oóc Om Bóc", 180_000_000, 150_000_000, commune="Phường Sóc Trăng",
         months=(11, 11), outputs=(Out(FAIRS, 1), Out(BOOTHS, 120))),
    Dean(KCDP, "4.5", APPROVED,
         "Hỗ trợ đăng ký nhãn hiệu, thiết kế bao bì cho sản phẩm tôm khô, bánh pía của cơ sở "
         "công nghiệp nông thôn", 100_000_000, 130_000_000, months=(6, 12), parts=(
             Part("tom_kho_sau_dang", 50_000_000, 65_000_000),
             Part("pia_tan_hung_phat", 50_000_000, 65_000_000),
         ), outputs=(Out(BRANDS, 2),)),
    Dean(KCDP, "5", IN_PROGRESS,
         "Tư vấn lập kế hoạch kinh doanh, quản lý sản xuất và tiếp cận thị trường cho cơ sở "
         "công nghiệp nông thôn", 80_000_000, 36_000_000, months=(5, 10), parts=(
             Part("pia_ut_hien", 30_000_000, 12_000_000),
             Part("luc_binh_my_huong", 25_000_000, 12_000_000),
             Part("htx_dua_cu_lao_dung", 25_000_000, 12_000_000),
         ), outputs=(Out(ADVISED, 3),)),
    Dean(KCDP, "6", ACCEPTED,
         "Thông tin, tuyên truyền hoạt động khuyến công trên Đài Phát thanh và Truyền hình tỉnh "
         "Sóc Trăng năm 2023", 60_000_000, months=(3, 11),
         outputs=(Out(PUBLICATIONS, 12, 12),)),
    Dean(KCDP, "6", APPROVED,
         "Xây dựng chuyên mục khuyến công trên Báo Sóc Trăng và phát hành bản tin khuyến công "
         "năm 2023", 65_100_000, months=(4, 12), outputs=(Out(PUBLICATIONS, 24),)),
))  # fmt: skip

SOC_TRANG_2022 = PlanSpec(LEGACY, "94", 2022, PlanStatus.APPROVED, decision=(
    "398/QĐ-UBND", datetime.date(2022, 3, 8)), deans=(
    Dean(KCQG, "4.2", ACCEPTED,
         "Tổ chức Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam năm "
         "2022 tại tỉnh Sóc Trăng", 1_120_000_000, 980_000_000, commune="Phường Sóc Trăng",
         months=(11, 12), outputs=(Out(FAIRS, 1, 1), Out(BOOTHS, 250, 268))),
    Dean(KCDP, "1", ACCEPTED,
         "Đào tạo nghề đan lát lục bình cho lao động nông thôn xã Long Hưng, huyện Mỹ Tú",
         90_000_000, commune="Xã Long Hưng", months=(4, 7),
         outputs=(Out(TRAINED, 30, 32), Out(CLASSES, 1, 1))),
    Dean(KCDP, "4.1", ACCEPTED,
         "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Sóc Trăng năm 2022",
         130_000_000, commune="Phường Sóc Trăng", months=(6, 10),
         outputs=(Out(RECOGNISED, 20, 22),)),
))  # fmt: skip

HOA_BINH_2019 = PlanSpec(LEGACY, "17", 2019, PlanStatus.APPROVED, decision=(
    "286/QĐ-UBND", datetime.date(2019, 2, 25)), deans=(
    Dean(KCQG, "3.1", SETTLED,
         "Xây dựng mô hình trình diễn kỹ thuật dệt thổ cẩm bằng máy dệt cải tiến tại Hợp tác xã "
         "Dệt thổ cẩm Bản Lác", 450_000_000, 1_100_000_000, commune="Xã Mai Châu",
         parts=(Part("htx_tho_cam_ban_lac", 450_000_000, 1_100_000_000),),
         outputs=(Out(MODELS, 1, 1), Out(MACHINES, 12, 12))),
    Dean(KCQG, "3.2", SETTLED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sơ chế, chế biến cam tại các cơ sở công "
         "nghiệp nông thôn huyện Cao Phong", 500_000_000, 580_000_000, commune="Xã Cao Phong",
         parts=(
             Part("cam_cao_phong_xanh", 280_000_000, 320_000_000),
             Part("cam_hung_cuong", 220_000_000, 260_000_000),
         ), outputs=(Out(EQUIPPED, 2, 2), Out(MACHINES, 5, 5))),
    Dean(KCDP, "1", SETTLED,
         "Đào tạo nghề mây tre đan cho lao động nông thôn huyện Lương Sơn", 90_000_000,
         commune="Xã Lương Sơn", months=(5, 8),
         outputs=(Out(TRAINED, 35, 35), Out(CLASSES, 1, 1))),
    Dean(KCDP, "4.1", ACCEPTED,
         "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Hòa Bình năm 2019",
         120_000_000, commune="Phường Hòa Bình", months=(6, 10),
         outputs=(Out(RECOGNISED, 15, 18),)),
))  # fmt: skip

HOA_BINH_2021 = PlanSpec(LEGACY, "17", 2021, PlanStatus.APPROVED, decision=(
    "412/QĐ-UBND", datetime.date(2021, 3, 10)), deans=(
    Dean(KCQG, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng dây chuyền sản xuất gạch không nung tại Công ty TNHH Vật liệu xây dựng "
         "Lạc Thủy", 300_000_000, 900_000_000, commune="Xã Lạc Thủy",
         parts=(Part("vlxd_lac_thuy", 300_000_000, 900_000_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 4, 4))),
    Dean(KCDP, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy sao sấy, máy đóng gói chè tại Hợp tác xã Chè Shan tuyết Đà Bắc",
         150_000_000, 180_000_000, commune="Xã Đà Bắc",
         parts=(Part("htx_che_da_bac", 150_000_000, 180_000_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 3, 3))),
    Dean(KCDP, "4.5", ACCEPTED,
         "Hỗ trợ xây dựng và đăng ký nhãn hiệu cho sản phẩm thổ cẩm của Hợp tác xã Dệt thổ cẩm "
         "Bản Lác", 70_000_000, 30_000_000, commune="Xã Mai Châu",
         parts=(Part("htx_tho_cam_ban_lac", 70_000_000, 30_000_000),),
         outputs=(Out(BRANDS, 1, 1),)),
    Dean(KCDP, "6", ACCEPTED,
         "Thông tin, tuyên truyền hoạt động khuyến công tỉnh Hòa Bình năm 2021", 60_000_000,
         months=(3, 11), outputs=(Out(PUBLICATIONS, 10, 10),)),
))  # fmt: skip

LAO_CAI_2022 = PlanSpec(LEGACY, "10", 2022, PlanStatus.APPROVED, decision=(
    "735/QĐ-UBND", datetime.date(2022, 3, 29)), deans=(
    Dean(KCQG, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất rượu ngô Bản Phố tại Hợp tác xã "
         "Rượu ngô Bản Phố", 280_000_000, 320_000_000, commune="Xã Bắc Hà",
         parts=(Part("htx_ruou_ngo_ban_pho", 280_000_000, 320_000_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 4, 4))),
    Dean(KCDP, "1", ACCEPTED,
         "Đào tạo nghề thêu, dệt thổ cẩm cho phụ nữ dân tộc Dao đỏ xã Tả Phìn, thị xã Sa Pa",
         85_000_000, commune="Xã Tả Phìn", months=(5, 8),
         outputs=(Out(TRAINED, 30, 30), Out(CLASSES, 1, 1))),
    Dean(KCDP, "4.2", ACCEPTED,
         "Tổ chức cho cơ sở công nghiệp nông thôn tỉnh Lào Cai tham gia hội chợ, triển lãm trong "
         "nước năm 2022", 150_000_000, 60_000_000, months=(4, 12),
         outputs=(Out(FAIRS, 3, 3), Out(BOOTHS, 24, 27))),
))  # fmt: skip

YEN_BAI_2024 = PlanSpec(LEGACY, "15", 2024, PlanStatus.APPROVED, decision=(
    "521/QĐ-UBND", datetime.date(2024, 3, 20)), deans=(
    Dean(KCQG, "3.1", ACCEPTED,
         "Xây dựng mô hình trình diễn kỹ thuật chưng cất tinh dầu quế tại Hợp tác xã Quế Mậu A, "
         "huyện Văn Yên", 600_000_000, 1_450_000_000, commune="Xã Mậu A",
         parts=(Part("htx_que_mau_a", 600_000_000, 1_450_000_000),),
         outputs=(Out(MODELS, 1, 1), Out(MACHINES, 5, 5))),
    Dean(KCDP, "3.2", ACCEPTED,
         "Hỗ trợ ứng dụng máy móc thiết bị chế biến măng tre Bát Độ tại cơ sở chế biến măng "
         "xã Hưng Khánh, huyện Trấn Yên", 200_000_000, 250_000_000, commune="Xã Hưng Khánh",
         parts=(Part("mang_hung_khanh", 200_000_000, 250_000_000),),
         outputs=(Out(EQUIPPED, 1, 1), Out(MACHINES, 3, 3))),
    Dean(KCDP, "6", ACCEPTED,
         "Thông tin, tuyên truyền hoạt động khuyến công tỉnh Yên Bái năm 2024", 50_000_000,
         months=(3, 11), outputs=(Out(PUBLICATIONS, 8, 8),)),
))  # fmt: skip

CAN_THO_2026 = PlanSpec(CURRENT, "92", 2026, PlanStatus.DRAFT, deans=(
    Dean(KCQG, "3.2", PROPOSED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào chế biến thủy sản tại các cơ sở công "
         "nghiệp nông thôn thành phố Cần Thơ", 530_000_000, 570_000_000, months=(5, 11),
         parts=(
             Part("thuy_san_hai_dang", 280_000_000, 300_000_000),
             Part("kho_ca_ut_muoi", 250_000_000, 270_000_000),
         ), outputs=(Out(EQUIPPED, 2), Out(MACHINES, 6))),
    Dean(KCQG, "3.1", PROPOSED,
         "Xây dựng mô hình trình diễn kỹ thuật sản xuất bánh tráng theo dây chuyền tự động tại "
         "Hợp tác xã Bánh tráng Phong Điền", 750_000_000, 1_800_000_000,
         commune="Xã Phong Điền", months=(5, 12),
         parts=(Part("htx_banh_trang_phong_dien", 750_000_000, 1_800_000_000),),
         outputs=(Out(MODELS, 1), Out(MACHINES, 4))),
    Dean(KCDP, "1", PROPOSED,
         "Đào tạo nghề đan lát lục bình cho lao động nông thôn xã Kế Sách", 120_000_000,
         commune="Xã Kế Sách", months=(6, 9), outputs=(Out(TRAINED, 35), Out(CLASSES, 1))),
    Dean(KCDP, "11", PROPOSED,
         "Hỗ trợ chuyển đổi số (phần mềm quản lý sản xuất, bán hàng trên sàn thương mại điện tử) "
         "cho cơ sở công nghiệp nông thôn", 110_000_000, 160_000_000, months=(6, 12), parts=(
             Part("pia_tan_hung_phat", 40_000_000, 60_000_000),
             Part("htx_dua_cu_lao_dung", 35_000_000, 50_000_000),
             Part("htx_banh_trang_phong_dien", 35_000_000, 50_000_000),
         ), outputs=(Out(DIGITAL, 3),)),
))  # fmt: skip

# Submitted by the centre, waiting for Phú Thọ's reviewer (see projects.demo: review steps).
PHU_THO_2026 = PlanSpec(CURRENT, "25", 2026, PlanStatus.SUBMITTED, deans=(
    Dean(KCQG, "3.2", PROPOSED,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào chế biến chè tại các cơ sở công nghiệp "
         "nông thôn tỉnh Phú Thọ", 560_000_000, 650_000_000, months=(5, 11), parts=(
             Part("htx_che_long_coc", 300_000_000, 350_000_000),
             Part("che_phu_hung", 260_000_000, 300_000_000),
         ), outputs=(Out(EQUIPPED, 2), Out(MACHINES, 7))),
    Dean(KCDP, "1", PROPOSED,
         "Truyền nghề dệt thổ cẩm cho phụ nữ dân tộc Thái xã Mai Châu", 110_000_000,
         commune="Xã Mai Châu", months=(6, 9), outputs=(Out(TRAINED, 30), Out(CLASSES, 1))),
    Dean(KCDP, "4.2", PROPOSED,
         "Tổ chức Hội chợ hàng công nghiệp nông thôn tiêu biểu tỉnh Phú Thọ năm 2026",
         400_000_000, 250_000_000, commune="Phường Việt Trì", months=(9, 10),
         outputs=(Out(FAIRS, 1), Out(BOOTHS, 150))),
    Dean(KCDP, "4.5", PROPOSED,
         "Hỗ trợ đăng ký nhãn hiệu cho sản phẩm cam sấy dẻo, mứt cam của Công ty TNHH Nông sản "
         "Cao Phong Xanh", 60_000_000, 40_000_000, commune="Xã Cao Phong", months=(6, 12),
         parts=(Part("cam_cao_phong_xanh", 60_000_000, 40_000_000),),
         outputs=(Out(BRANDS, 1),)),
))  # fmt: skip

# Approved by the province; its KCQG đề án waits for the ministry ("chờ Bộ phê duyệt").
LAO_CAI_2025 = PlanSpec(LEGACY, "10", 2025, PlanStatus.APPROVED, decision=(
    "612/QĐ-UBND", datetime.date(2025, 3, 14)), deans=(
    Dean(KCQG, "3.2", AWAITING_MINISTRY,
         "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào chưng cất, đóng chai rượu ngô tại Hợp "
         "tác xã Rượu ngô Bản Phố", 250_000_000, 300_000_000, commune="Xã Bắc Hà", months=(5, 11),
         parts=(Part("htx_ruou_ngo_ban_pho", 250_000_000, 300_000_000),),
         outputs=(Out(EQUIPPED, 1), Out(MACHINES, 3))),
    Dean(KCDP, "1", APPROVED,
         "Đào tạo nghề dệt thổ cẩm cho phụ nữ dân tộc Mông xã Bắc Hà", 90_000_000,
         commune="Xã Bắc Hà", months=(6, 9), outputs=(Out(TRAINED, 30), Out(CLASSES, 1))),
))  # fmt: skip

PLANS = (
    HOA_BINH_2019,
    HOA_BINH_2021,
    SOC_TRANG_2022,
    LAO_CAI_2022,
    SOC_TRANG_2023,
    YEN_BAI_2024,
    LAO_CAI_2025,
    CAN_THO_2026,
    PHU_THO_2026,
)

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

OBJECTIVES = {
    "1": "Trang bị kỹ năng nghề cho lao động nông thôn, tạo việc làm ổn định tại địa phương.",
    "2": "Nâng cao năng lực quản lý, quản trị sản xuất kinh doanh của các cơ sở CNNT.",
    "3.1": (
        "Trình diễn công nghệ, dây chuyền sản xuất tiên tiến để các cơ sở CNNT trong vùng "
        "tham quan, học tập và nhân rộng."
    ),
    "3.2": (
        "Thay thế lao động thủ công bằng máy móc thiết bị tiên tiến, nâng cao năng suất, chất "
        "lượng và an toàn thực phẩm, giảm chi phí sản xuất."
    ),
    "4.1": "Tôn vinh, quảng bá các sản phẩm CNNT tiêu biểu của tỉnh.",
    "4.2": "Quảng bá, giới thiệu sản phẩm CNNT, tìm kiếm đối tác và mở rộng thị trường tiêu thụ.",
    "4.5": "Bảo hộ nhãn hiệu, nâng cao giá trị và sức cạnh tranh của sản phẩm CNNT.",
    "5": (
        "Tư vấn, hỗ trợ cơ sở CNNT hoàn thiện kế hoạch sản xuất kinh doanh và tiếp cận thị trường."
    ),
    "6": "Tuyên truyền chính sách khuyến công và các mô hình, cơ sở CNNT điển hình.",
    "11": "Hỗ trợ cơ sở CNNT ứng dụng công nghệ số trong quản lý sản xuất và bán hàng.",
}


# Sóc Trăng 2023 was adjusted: the fair of the Oóc Om Bóc festival was proposed and first approved
# at 230 triệu KCĐP and brought down to 180 triệu by the adjustment. The published figures (KCĐP
# 2.250.000.000) are those approved after the adjustment, i.e. what the đề án carry now.
SOC_TRANG_2023_ADJUSTMENT = {
    "reason": (
        "Điều chỉnh giảm kinh phí tổ chức Hội chợ hàng CNNT tiêu biểu gắn với Lễ hội Oóc Om Bóc "
        "do thu hẹp quy mô gian hàng."
    ),
    "decision": ("2185/QĐ-UBND", datetime.date(2023, 8, 28)),
    "project_sequence": 12,  # KCDP-2023-94-012, the Oóc Om Bóc fair
    "kcdp_before": 230_000_000,
}
