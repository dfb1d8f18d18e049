"""Static tables for the instance generator: topics, positions, organisations, Vietnamese names."""

from __future__ import annotations

# Topics of the thematic courses (chuyên đề), in the weak areas the communes report.
# (id, name, field, sessions, min_size, max_size, modes, prerequisites)
TOPICS: tuple[tuple[str, str, str, int, int, int, tuple[str, ...], tuple[str, ...]], ...] = (
    ("CQ2C", "Tổng quan mô hình chính quyền địa phương hai cấp", "Quản lý nhà nước",
     2, 20, 50, ("in_person", "online"), ()),
    ("LDDH", "Kỹ năng lãnh đạo, điều hành ở cấp xã", "Quản lý nhà nước",
     2, 15, 40, ("in_person",), ("CQ2C",)),
    ("DTC", "Quản lý đầu tư công cấp xã", "Đầu tư công",
     4, 15, 40, ("in_person",), ("CQ2C",)),
    ("DTC-DA", "Lập, thẩm định và quyết toán dự án đầu tư công", "Đầu tư công",
     6, 15, 40, ("in_person",), ()),
    ("DDMT", "Quản lý đất đai và môi trường", "Đất đai - Môi trường",
     4, 15, 45, ("in_person",), ("CQ2C",)),
    ("DD-TC", "Giải quyết tranh chấp, khiếu nại về đất đai", "Đất đai - Môi trường",
     3, 15, 45, ("in_person",), ()),
    ("TCNS", "Quản lý tài chính, ngân sách xã", "Tài chính - Ngân sách",
     4, 15, 45, ("in_person", "online"), ()),
    ("KTNS", "Kế toán ngân sách và tài chính xã", "Tài chính - Ngân sách",
     3, 15, 40, ("in_person",), ()),
    ("TPHT", "Tư pháp - hộ tịch", "Tư pháp",
     2, 15, 50, ("in_person", "online"), ()),
    ("CTPL", "Chứng thực và phổ biến, giáo dục pháp luật", "Tư pháp",
     2, 15, 50, ("in_person", "online"), ()),
    ("CDS", "Chuyển đổi số và dịch vụ công trực tuyến", "Chuyển đổi số",
     3, 15, 45, ("in_person", "online"), ()),
    ("VBDT", "Kỹ năng làm việc trên môi trường số, văn bản điện tử", "Chuyển đổi số",
     2, 15, 50, ("in_person", "online"), ()),
)

OVERVIEW = "CQ2C"

# Positions in a commune: (name, weight in the staff mix, topics it asks for, most wanted first).
# The first two are fixed counts per commune (one chair, two vice chairs).
POSITIONS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Chủ tịch UBND", 0.0, ("LDDH", "DTC", "TCNS", "CQ2C")),
    ("Phó Chủ tịch UBND", 0.0, ("LDDH", "DTC", "DDMT", "TCNS")),
    ("Văn phòng - Thống kê", 0.16, ("VBDT", "CDS", "CQ2C")),
    ("Tài chính - Kế toán", 0.13, ("TCNS", "KTNS", "DTC-DA", "DTC")),
    ("Địa chính - Xây dựng - Nông nghiệp và Môi trường", 0.22, ("DDMT", "DD-TC", "DTC-DA", "DTC")),
    ("Tư pháp - Hộ tịch", 0.11, ("TPHT", "CTPL", "DD-TC")),
    ("Văn hóa - Xã hội", 0.16, ("CDS", "CTPL", "VBDT")),
    ("Trung tâm Phục vụ hành chính công", 0.14, ("CDS", "TPHT", "VBDT")),
    ("Chỉ huy trưởng Quân sự", 0.03, ("CQ2C", "VBDT")),
    ("Kinh tế - Hạ tầng", 0.05, ("DTC", "DTC-DA", "DDMT")),
)

# Organisations that send trainers: (name, share of the trainers, topics they can teach).
ORGANISATIONS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Trường Chính trị tỉnh", 0.25, ("CQ2C", "LDDH", "DTC", "TCNS")),
    ("Sở Tài chính", 0.20, ("DTC", "DTC-DA", "TCNS", "KTNS")),
    ("Sở Nông nghiệp và Môi trường", 0.17, ("DDMT", "DD-TC")),
    ("Sở Tư pháp", 0.13, ("TPHT", "CTPL", "DD-TC")),
    ("Sở Khoa học và Công nghệ", 0.12, ("CDS", "VBDT")),
    ("Sở Nội vụ", 0.13, ("CQ2C", "LDDH", "VBDT", "CDS")),
)

# Seats of the provincial People's Committees since 7/2025: where the Political School is.
# Every name is checked against the data by tests; others fall back to the ward nearest the centre.
CAPITALS = {
    "Điện Biên": "Phường Điện Biên Phủ", "Thanh Hóa": "Phường Hạc Thành",
    "Hà Nội": "Phường Hoàn Kiếm", "Hồ Chí Minh": "Phường Sài Gòn", "Lai Châu": "Phường Tân Phong",
    "Sơn La": "Phường Tô Hiệu", "Huế": "Phường Thuận Hóa", "Đà Nẵng": "Phường Hải Châu",
    "Cần Thơ": "Phường Ninh Kiều", "Hải Phòng": "Phường Hồng Bàng",
    "Tuyên Quang": "Phường Minh Xuân", "Lào Cai": "Phường Yên Bái",
    "Thái Nguyên": "Phường Phan Đình Phùng", "Phú Thọ": "Phường Việt Trì",
    "Hưng Yên": "Phường Phố Hiến", "Ninh Bình": "Phường Hoa Lư", "Nghệ An": "Phường Thành Vinh",
    "Hà Tĩnh": "Phường Thành Sen", "Quảng Trị": "Phường Đồng Hới",
    "Quảng Ngãi": "Phường Cẩm Thành", "Gia Lai": "Phường Quy Nhơn",
    "Đắk Lắk": "Phường Buôn Ma Thuột", "Khánh Hòa": "Phường Nha Trang",
    "Lâm Đồng": "Phường Xuân Hương - Đà Lạt", "Đồng Nai": "Phường Trấn Biên",
    "Tây Ninh": "Phường Long An", "Đồng Tháp": "Phường Đạo Thạnh",
    "Vĩnh Long": "Phường Thanh Đức", "An Giang": "Phường Rạch Giá", "Cà Mau": "Phường An Xuyên",
    "Bắc Ninh": "Phường Bắc Giang", "Quảng Ninh": "Phường Hồng Gai",
    "Cao Bằng": "Phường Thục Phán", "Lạng Sơn": "Phường Lương Văn Tri",
}

# Provinces that are mountainous throughout (travel at mountain speed everywhere).
MOUNTAINOUS = frozenset({
    "Điện Biên", "Lai Châu", "Sơn La", "Lào Cai", "Cao Bằng", "Tuyên Quang", "Lạng Sơn",
})

# Vietnamese names: family names with weights (Kinh, then Thái/H'Mông names of the north-west).
FAMILY_KINH = (
    ("Nguyễn", 30), ("Trần", 10), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4), ("Đặng", 3),
    ("Bùi", 3), ("Đỗ", 3), ("Hồ", 2), ("Ngô", 2), ("Dương", 2), ("Lý", 1), ("Trịnh", 2),
    ("Mai", 1), ("Lương", 1), ("Đinh", 2), ("Cao", 1), ("Tạ", 1), ("Lò", 1),
)
FAMILY_UPLAND = (
    ("Lò", 8), ("Quàng", 5), ("Cà", 4), ("Lường", 5), ("Tòng", 3), ("Vì", 3), ("Giàng", 5),
    ("Sùng", 4), ("Thào", 4), ("Vàng", 4), ("Mùa", 3), ("Hạng", 2), ("Lầu", 2), ("Lý", 2),
)
MIDDLE_MALE = ("Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "A")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương")
GIVEN_MALE = (
    "Hùng", "Dũng", "Tuấn", "Long", "Nam", "Phong", "Sơn", "Hải", "Thắng", "Cường", "Hiếu",
    "Khánh", "Trung", "Quân", "Bình", "Chiến", "Duy", "Hưng", "Lâm", "Thái", "Tiến", "Vinh",
    "Pó", "Chá", "Sính", "Páo",
)
GIVEN_FEMALE = (
    "Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Thảo", "Hạnh", "Nga", "Yến", "Phương",
    "Huyền", "Thủy", "Loan", "Dung", "Nhung", "Xuân", "Chi", "Ánh", "Vân", "Mỷ", "Chua",
)
