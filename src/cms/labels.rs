//! What the editor calls each front-matter field, and the hint under it, in both languages.

use crate::language::Language;

/// A field's label and hint: Vietnamese, then English.
struct Label {
    vi: (&'static str, &'static str),
    en: (&'static str, &'static str),
}

const fn label(vi: (&'static str, &'static str), en: (&'static str, &'static str)) -> Label {
    Label { vi, en }
}

/// The label and hint (empty: none) of the field `name`, or `None` for a field with no label.
pub(crate) fn field_label(name: &str, lang: Language) -> Option<(&'static str, &'static str)> {
    let label = match name {
        "title" => label(("Tiêu đề", ""), ("Title", "")),
        "date" => label(
            ("Ngày đăng", "Tin có ngày trong tương lai sẽ tự xuất hiện vào ngày đó."),
            ("Date", "An item dated in the future appears on that day."),
        ),
        "updated" => label(("Ngày cập nhật", ""), ("Updated", "")),
        "summary" => label(
            ("Tóm tắt", "Một hai câu hiện trong danh sách và khi chia sẻ."),
            ("Summary", "One or two sentences shown in lists and when shared."),
        ),
        "tags" => label(
            ("Chủ đề", "Cách nhau bằng dấu phẩy, ví dụ: học tập suốt đời, chuyển đổi số"),
            ("Topics", "Separated by commas, e.g. lifelong learning, digital skills"),
        ),
        "commune" => label(("Địa bàn", "Xã, phường (cổng của tỉnh) hoặc ấp, khóm (cổng của xã), ví dụ: Ấp Mỹ Phú"), ("Area", "a commune or ward (province portal) or a hamlet (commune portal), e.g. Ấp Mỹ Phú")),
        "draft" => label(("Bản nháp", "Bản nháp không được xuất bản."), ("Draft", "A draft is not published.")),
        "slug" => {
            label(("Đường dẫn", "Để trống: lấy theo tên tệp."), ("URL slug", "Leave empty to use the file name."))
        }
        "aliases" => label(
            ("Đường dẫn cũ", "Địa chỉ cũ chuyển về trang này, ví dụ /tin/bai-cu/"),
            ("Old URLs", "Old addresses that redirect here, e.g. /news/old-item/"),
        ),
        "image" => label(("Ảnh", "Nếu có ảnh thì phải điền Mô tả ảnh."), ("Image", "An image needs a description.")),
        "image_alt" => label(
            ("Mô tả ảnh", "Bắt buộc khi có ảnh: ảnh có gì, cho người khiếm thị."),
            ("Image description", "Required with an image: what it shows, for blind readers."),
        ),
        "weight" => label(("Thứ tự", "Số nhỏ đứng trước."), ("Order", "Smaller numbers come first.")),
        "featured" => label(("Nổi bật", "Hiện trên trang chủ."), ("Featured", "Shown on the home page.")),
        "number" => label(("Số hiệu", "Ví dụ: 322/KH-UBND"), ("Number", "e.g. 322/KH-UBND")),
        "issuer" => label(("Cơ quan ban hành", ""), ("Issued by", "")),
        "issued" => label(("Ngày ban hành", ""), ("Date issued", "")),
        "period" => label(("Giai đoạn", "Ví dụ: 2021-2030"), ("Period", "e.g. 2021-2030")),
        "status" => label(("Tình trạng", ""), ("Status", "")),
        "indicators" => label(("Chỉ số theo dõi", ""), ("Indicators", "")),
        "document" => label(("Văn bản đính kèm", ""), ("Attached document", "")),
        "reference" => label(
            ("Kế hoạch tham khảo", "Chọn khi đây là kế hoạch của địa phương khác, đăng để tham khảo; kế hoạch của đơn vị mình được xếp trước."),
            ("Reference plan", "Tick for another authority's plan, published for reference; the portal's own plans come first."),
        ),
        "author" => label(("Tác giả", "Người viết tin."), ("Author", "Who wrote the item.")),
        "source" => label(
            ("Nguồn", "Nơi đăng tin đầu tiên, ví dụ: Báo Đồng Tháp. Để trống nếu tin do cổng tự viết."),
            ("Source", "Where it was first published. Leave empty for the portal's own items."),
        ),
        "source_url" => label(
            ("Đường dẫn nguồn", "Địa chỉ bài gốc; cần điền Nguồn."),
            ("Source link", "The original article's address; needs Source."),
        ),
        "category" => label(("Danh hiệu", ""), ("Category", "")),
        "recognized" => label(("Năm công nhận", ""), ("Year recognised", "")),
        "achievements" => label(("Thành tích", "Cách nhau bằng dấu phẩy"), ("Achievements", "Separated by commas")),
        "type" => label(("Loại", ""), ("Type", "")),
        "url" => label(
            ("Đường dẫn", "Học liệu cần đường dẫn hoặc tệp đính kèm."),
            ("Link", "A resource needs a link or an attached file."),
        ),
        "file" => label(
            ("Tệp đính kèm", "Học liệu cần đường dẫn hoặc tệp đính kèm."),
            ("Attached file", "A resource needs a link or an attached file."),
        ),
        "topics" => label(("Lĩnh vực", "Cách nhau bằng dấu phẩy"), ("Subjects", "Separated by commas")),
        "audience" => label(("Đối tượng", "Cách nhau bằng dấu phẩy"), ("Audience", "Separated by commas")),
        "level" => label(("Trình độ", ""), ("Level", "")),
        "language" => label(("Ngôn ngữ", ""), ("Language", "")),
        "license" => label(("Giấy phép", ""), ("Licence", "")),
        "duration" => label(("Thời lượng", "Ví dụ: 45 phút"), ("Duration", "e.g. 45 minutes")),
        "pages" => label(("Số trang", ""), ("Pages", "")),
        "publisher" => label(("Nhà xuất bản", ""), ("Publisher", "")),
        "size" => label(("Dung lượng", "Ví dụ: 2 MB"), ("Size", "e.g. 2 MB")),
        "start" => label(("Bắt đầu", "Giờ Việt Nam"), ("Starts", "Vietnam time")),
        "end" => label(("Kết thúc", "Giờ Việt Nam"), ("Ends", "Vietnam time")),
        "location" => label(("Địa điểm", ""), ("Place", "")),
        "organizer" => label(("Đơn vị tổ chức", ""), ("Organiser", "")),
        "registration" => label(("Đường dẫn đăng ký", ""), ("Registration link", "")),
        "body" => label(("Nội dung", ""), ("Text", "")),
        _ => return None,
    };
    Some(if lang == Language::Vi { label.vi } else { label.en })
}
