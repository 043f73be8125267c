"""Common Vietnamese syllables: the yardstick for "does this decoding read as Vietnamese?".

Written by hand for thongcao (function words and the vocabulary of provincial press
releases), lower case, NFC, tone on the second vowel of open oa/oe/uy syllables as
`indexer.text.normalize_tones` writes them.  In real Vietnamese prose roughly half the
syllables are in this list; in TCVN3 or VNI bytes read as Latin-1 ("Hµ Néi", "Haø Noäi")
almost none are, which is what indexer/crawl/legacy.py measures.
"""

COMMON_SYLLABLES = frozenset(
    """
    và của có các là những được trong cho với không người một này đã để năm về ngày tỉnh
    thành phố công tác hợp nhân dân uỷ ban hội nghị kinh tế phát triển đầu tư doanh nghiệp
    quốc gia việt nam xã chính phủ thực hiện quản lý tại theo đến từ sẽ đang cũng như khi
    nhiều hơn đó ra vào lên trên dưới sau trước giữa mới lớn cao tốt quan trọng nước đất vùng
    huyện tổ chức hoạt động chương trình dự án kế hoạch chỉ đạo lãnh cán bộ thông tin báo
    cáo kết quả đạt tăng giảm triệu tỷ đồng học sinh giáo dục y văn hoá du lịch an ninh
    xây dựng giao thông nông lâm ngư sản xuất khẩu nhập thương mại dịch vụ tài ngân hàng
    thuế đoàn đại biểu trung ương địa phương sở ngành cơ quan đơn vị hành tham gia ký
    thoả thuận biên bản ghi nhớ đối ngoại bạn hữu nghị truyền thống tiếp làm việc trao đổi
    đề xuất tạo điều kiện thuận lợi khó khăn giải pháp nâng chất lượng hiệu môi trường
    khoa kỹ thuật số chuyển nguồn lực đào lao vốn dịch bệnh sức khoẻ bệnh viện trường
    hoà bình thuỷ lợi điện năng lượng sạch xanh bền vững biển đảo cảng hàng không sân bay
    đường bộ sắt cầu khu công nghiệp cụm chế biến thuỷ hải dầu khí than khoáng rừng
    gạo lúa cà phê cao su điều tiêu trái cây rau quả chăn nuôi giống cây trồng
    ông bà anh chị em cô chú cháu con gia đình cộng đồng xã hội đời sống thu nhập nghèo
    chủ tịch phó thủ tướng bí thư giám đốc trưởng phòng thứ uỷ viên thường trực đồng chí
    ngày tháng năm sáng chiều tối hôm nay qua tới tuần quý giai đoạn thời gian lần đầu tiên
    tổng cộng khoảng gần hơn trên dưới nhất mỗi mọi toàn bộ phần trăm lượt
    nhằm nhưng mà thì nên vì bởi do tuy nếu hay hoặc cả đều rất lại còn chưa vẫn đã đang
    sẽ phải cần muốn có thể được bị nhau mình họ chúng tôi ta ai gì nào đâu sao bao nhiêu
    đây kia ấy thế vậy rằng nói cho biết thấy nêu nhấn mạnh khẳng định đánh giá ghi nhận
    cảm ơn chúc mừng trân trọng tặng bằng khen kỷ niệm lễ hội lễ khai mạc bế mạc hội thảo
    diễn đàn triển lãm xúc tiến quảng bá hình ảnh sản phẩm thị trường xuất khẩu nhập khẩu
    đầu tư vốn dự án nhà máy khởi công khánh thành vận hành cấp giấy phép chứng nhận
    người dân cử tri đại hội nhiệm kỳ bầu cử quốc hội pháp luật luật nghị định quyết định
    thông tư văn bản hướng dẫn triển khai kiểm tra giám sát thanh tra xử lý vi phạm
    phòng chống thiên tai bão lũ hạn mặn cháy nổ cứu hộ cứu nạn hỗ trợ tặng quà
    hàn nhật bản trung lào cam pu chia thái lan mỹ hoa kỳ đức pháp anh nga úc ấn độ
    đông tây bắc nam miền thủ đô hà nội hồ minh đà nẵng cần thơ hải phòng huế
    các nước quốc tế khu vực toàn cầu châu á âu phi song phương đa phương
    mục tiêu nhiệm vụ yêu cầu đề án quy hoạch chiến lược chính sách cơ chế
    năm nay tới qua đây đó này kia hết những hàng nghìn trăm mười hai ba bốn năm sáu bảy tám chín
    """.split()
)
