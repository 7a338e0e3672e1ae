import MotCuaCore

/// The words of the intake pages. Each entry is `public static let`; list it in ``intake``
/// too, which the catalogue test checks.
extension WebStrings {
    /// The home page card's line under the reception title.
    public static let intakeReceptionSummary = LocalizedText(vi: "Tiếp nhận hồ sơ, hẹn ngày trả kết quả, theo dõi và in phiếu 01–07",
                                                             en: "Receive dossiers, give appointment dates, track them and print forms 01–07")
    /// The reception page's title.
    public static let intakeReceptionPage = LocalizedText(vi: "Tiếp nhận hồ sơ", en: "Dossier reception")
    /// The picker's heading.
    public static let intakeReceptionPick = LocalizedText(vi: "Chọn thủ tục hành chính cần tiếp nhận", en: "Choose the procedure to receive")
    /// Before the ticket id the reception comes from.
    public static let intakeReceptionFromTicket = LocalizedText(vi: "Tiếp nhận cho số thứ tự", en: "Receiving for ticket")
    /// Column and filter: the sector.
    public static let intakeSector = LocalizedText(vi: "Lĩnh vực", en: "Sector")
    /// The sector filter's first choice.
    public static let intakeAllSectors = LocalizedText(vi: "Tất cả lĩnh vực", en: "All sectors")
    /// Column: the procedure.
    public static let intakeProcedure = LocalizedText(vi: "Thủ tục", en: "Procedure")
    /// Column: the procedure's national code.
    public static let intakeProcedureCode = LocalizedText(vi: "Mã thủ tục", en: "Procedure code")
    /// Column: the legal deadline.
    public static let intakeDeadline = LocalizedText(vi: "Thời hạn giải quyết", en: "Processing time")
    /// The button that opens the form or submits it.
    public static let intakeReceive = LocalizedText(vi: "Tiếp nhận", en: "Receive")
    /// The filter button.
    public static let intakeFilter = LocalizedText(vi: "Lọc", en: "Filter")
    /// Above the reception list when it shows the clerk's sectors only.
    public static let intakeMySectors = LocalizedText(vi: "Thủ tục các lĩnh vực của quầy bạn:", en: "Procedures of your counter's sectors:")
    /// The link that shows every procedure of the centre.
    public static let intakeSeeAll = LocalizedText(vi: "Xem tất cả thủ tục", en: "See all procedures")
    /// Above the reception list when it shows every procedure.
    public static let intakeAllProcedures = LocalizedText(vi: "Đang xem tất cả thủ tục của trung tâm.", en: "Showing every procedure of the centre.")
    /// The link back to the clerk's own sectors.
    public static let intakeSeeMine = LocalizedText(vi: "Chỉ xem lĩnh vực của quầy bạn", en: "Only your counter's sectors")
    /// A clerk whose counter serves no sector (or who has no counter).
    public static let intakeNoSectors = LocalizedText(
        vi: "Tài khoản của bạn chưa được giao quầy hoặc quầy chưa được giao lĩnh vực nào, nên danh sách dưới đây là tất cả thủ tục. Hãy nhờ quản trị viên giao quầy cho bạn.",
        en: "Your account has no counter, or its counter serves no sector, so the list below shows every procedure. Ask an administrator to assign you a counter.")
    /// The search box's label.
    public static let intakeFindProcedure = LocalizedText(vi: "Tìm thủ tục", en: "Find a procedure")
    /// The search box's placeholder.
    public static let intakeSearchHint = LocalizedText(vi: "Tên hoặc mã thủ tục", en: "Name or code")
    /// No procedure matches the search.
    public static let intakeNoMatch = LocalizedText(vi: "Không có thủ tục nào khớp với từ tìm kiếm.", en: "No procedure matches the search.")
    /// The list is empty without a search (no procedure in the chosen sector).
    public static let intakeNoProcedures = LocalizedText(vi: "Không có thủ tục nào trong lĩnh vực này.", en: "No procedure in this sector.")
    /// The form's field section.
    public static let intakeApplicantSection = LocalizedText(vi: "Thông tin người nộp hồ sơ", en: "Applicant")
    /// The checklist's heading.
    public static let intakeChecklist = LocalizedText(vi: "Thành phần hồ sơ", en: "Documents (thành phần hồ sơ)")
    /// Checklist column: the document was handed in.
    public static let intakeProvided = LocalizedText(vi: "Đã nộp", en: "Handed in")
    /// Checklist column: digitised.
    public static let intakeDigitised = LocalizedText(vi: "Đã số hóa", en: "Digitised")
    /// Checklist column: the scanned file.
    public static let intakeScan = LocalizedText(vi: "Bản quét (PDF, JPEG, PNG)", en: "Scan (PDF, JPEG, PNG)")
    /// The channel field.
    public static let intakeChannel = LocalizedText(vi: "Hình thức nộp", en: "Channel")
    /// Channel: counter.
    public static let intakeChannelCounter = LocalizedText(vi: "Trực tiếp tại quầy", en: "At the counter")
    /// Channel: online.
    public static let intakeChannelOnline = LocalizedText(vi: "Trực tuyến (nhập từ cổng dịch vụ công)", en: "Online (imported from the portal)")
    /// Channel: postal.
    public static let intakeChannelPostal = LocalizedText(vi: "Qua dịch vụ bưu chính công ích", en: "By public post")
    /// The procedure case field at reception.
    public static let intakeCase = LocalizedText(vi: "Trường hợp", en: "Case")
    /// Reception: a case must be chosen before the appointment can be worked out.
    public static let intakeCaseChoose = LocalizedText(vi: "Chọn trường hợp để tính ngày hẹn", en: "Choose the case to work out the appointment")
    /// Reception: recompute the appointment for the chosen case and channel.
    public static let intakeCaseApply = LocalizedText(vi: "Tính lại ngày hẹn", en: "Work out the date again")
    /// The appointment date.
    public static let intakeAppointment = LocalizedText(vi: "Ngày hẹn trả kết quả", en: "Appointment date")
    /// The steps of the appointment.
    public static let intakeAppointmentWhy = LocalizedText(vi: "Cách tính ngày hẹn", en: "How the date was worked out")
    /// The override section.
    public static let intakeOverrideDue = LocalizedText(vi: "Hẹn ngày khác (ghi rõ lý do)", en: "Set another date (give the reason)")
    /// The override date field.
    public static let intakeOverrideDate = LocalizedText(vi: "Ngày hẹn do cán bộ ấn định", en: "Date set by the clerk")
    /// A reason field.
    public static let intakeReason = LocalizedText(vi: "Lý do", en: "Reason")
    /// The fast path checkbox.
    public static let intakeOnTheSpot = LocalizedText(vi: "Giải quyết \"4 tại chỗ\": tiếp nhận, thẩm định, phê duyệt và trả kết quả ngay", en: "\"4 tại chỗ\": receive, decide and return in this sitting")
    /// The dossier code.
    public static let intakeDossierCode = LocalizedText(vi: "Mã hồ sơ", en: "Dossier code")
    /// The applicant.
    public static let intakeApplicant = LocalizedText(vi: "Người nộp", en: "Applicant")
    /// When received.
    public static let intakeReceivedAt = LocalizedText(vi: "Ngày nhận", en: "Received")
    /// The due date.
    public static let intakeDueAt = LocalizedText(vi: "Hẹn trả", en: "Due")
    /// The extended date.
    public static let intakeExtendedTo = LocalizedText(vi: "Hẹn lại", en: "Rescheduled to")
    /// The verdict column.
    public static let intakeVerdict = LocalizedText(vi: "Kết quả đúng hạn", en: "Timeliness")
    /// Verdict early.
    public static let intakeVerdictEarly = LocalizedText(vi: "Trước hạn", en: "Early")
    /// Verdict on time.
    public static let intakeVerdictOnTime = LocalizedText(vi: "Đúng hạn", en: "On time")
    /// Verdict late.
    public static let intakeVerdictLate = LocalizedText(vi: "Quá hạn", en: "Late")
    /// The history heading.
    public static let intakeHistory = LocalizedText(vi: "Quá trình giải quyết", en: "History")
    /// Column: when.
    public static let intakeWhen = LocalizedText(vi: "Thời gian", en: "When")
    /// Column: who.
    public static let intakeWho = LocalizedText(vi: "Người thực hiện", en: "By")
    /// Column: step.
    public static let intakeStep = LocalizedText(vi: "Bước", en: "Step")
    /// Column and field: the note.
    public static let intakeNote = LocalizedText(vi: "Ghi chú", en: "Note")
    /// The workflow actions heading.
    public static let intakeMoveTo = LocalizedText(vi: "Chuyển trạng thái", en: "Change status")
    /// The extension form's heading.
    public static let intakeExtendHeading = LocalizedText(vi: "Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)", en: "Apologise and reschedule (form 04)")
    /// The extension date.
    public static let intakeNewDate = LocalizedText(vi: "Ngày hẹn mới", en: "New date")
    /// Shown instead of the extension form.
    public static let intakeAlreadyExtended = LocalizedText(vi: "Hồ sơ đã được hẹn lại một lần; không thể hẹn lại lần nữa.", en: "The dossier was already rescheduled once; it cannot be again.")
    /// The print links heading.
    public static let intakePrintForms = LocalizedText(vi: "In phiếu", en: "Print forms")
    /// The form values heading.
    public static let intakeFormValues = LocalizedText(vi: "Thông tin trên tờ khai", en: "Form details")
    /// An empty checklist.
    public static let intakeNoDocuments = LocalizedText(vi: "Chưa đánh dấu thành phần hồ sơ nào.", en: "No documents were ticked.")
    /// The link to a scan.
    public static let intakeOpenScan = LocalizedText(vi: "Xem bản quét", en: "Open scan")
    /// The overdue page's title.
    public static let intakeOverduePage = LocalizedText(vi: "Hồ sơ sắp đến hạn và quá hạn", en: "Dossiers due soon and late")
    /// Under the overdue heading.
    public static let intakeOverdueNote = LocalizedText(vi: "Hồ sơ đang giải quyết có hạn trả đến hết ngày làm việc tiếp theo, hoặc đã quá hạn. Hồ sơ đang chờ công dân bổ sung không tính.", en: "Open dossiers due by the end of the next working day, or already late. Dossiers waiting for the citizen's supplement are left out.")
    /// An empty overdue list.
    public static let intakeNoOverdue = LocalizedText(vi: "Không có hồ sơ nào sắp đến hạn hoặc quá hạn.", en: "No dossier is due soon or late.")
    /// Overdue state: due soon.
    public static let intakeDueSoon = LocalizedText(vi: "Sắp đến hạn", en: "Due soon")
    /// Overdue state: due today.
    public static let intakeDueToday = LocalizedText(vi: "Đến hạn hôm nay", en: "Due today")
    /// Overdue state: late.
    public static let intakeLateNow = LocalizedText(vi: "Đã quá hạn", en: "Late")
    /// The lookup form's heading.
    public static let intakeLookupHeading = LocalizedText(vi: "Tra cứu hồ sơ", en: "Look up a dossier")
    /// Under the lookup heading.
    public static let intakeLookupNote = LocalizedText(vi: "Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.", en: "Enter the dossier code printed on your receipt.")
    /// The lookup phone field.
    public static let intakePhoneDigits = LocalizedText(vi: "4 số cuối điện thoại", en: "Last 4 digits of your phone")
    /// The lookup button.
    public static let intakeSearch = LocalizedText(vi: "Tra cứu", en: "Look up")
    /// No lookup result.
    public static let intakeLookupNotFound = LocalizedText(vi: "Không tìm thấy hồ sơ với thông tin đã nhập. Kiểm tra lại mã hồ sơ.", en: "No dossier matches. Check the code.")
    /// What the citizen must bring.
    public static let intakeWhatToBring = LocalizedText(vi: "Cần bổ sung", en: "To bring")
    /// Beside a date that was moved by an apology letter (form 04).
    public static let intakeDateChanged = LocalizedText(vi: "Đã thay đổi", en: "Changed")
    /// The public lookup's sentence when the centre moved the date: the old and the new date.
    public static func intakeDateMoved(from old: String, to new: String) -> LocalizedText {
        LocalizedText(vi: "Ngày hẹn trả kết quả đã thay đổi: ngày hẹn cũ là \(old), ngày hẹn mới là \(new).",
                      en: "The date for your result has changed: it was \(old) and is now \(new).")
    }
    /// The reason the centre gave for moving the date.
    public static let intakeDateMovedReason = LocalizedText(vi: "Lý do", en: "Reason")
    /// When the centre wrote the apology letter that moved the date.
    public static func intakeApologyDated(_ date: String) -> LocalizedText {
        LocalizedText(vi: "Văn bản xin lỗi và hẹn lại ngày trả kết quả được gửi ngày \(date).",
                      en: "The centre's letter of apology setting the new date is dated \(date).")
    }
    /// The catalogue heading.
    public static let intakeCatalogueHeading = LocalizedText(vi: "Danh mục thủ tục hành chính", en: "Procedure catalogue")
    /// Column: fees.
    public static let intakeFees = LocalizedText(vi: "Phí, lệ phí", en: "Fees")
    /// A procedure without fee lines.
    public static let intakeFree = LocalizedText(vi: "Không thu phí", en: "No fee")
    /// Catalogue: documents.
    public static let intakeDocumentsNeeded = LocalizedText(vi: "Hồ sơ gồm", en: "Documents")
    /// The overdue link.
    public static let intakeOverdueLink = LocalizedText(vi: "Hồ sơ sắp đến hạn", en: "Due soon")
    /// The register link.
    public static let intakeRegisterLink = LocalizedText(vi: "Sổ theo dõi hồ sơ", en: "Register")
    /// The CSV link.
    public static let intakeExportCSV = LocalizedText(vi: "Tải CSV", en: "Download CSV")
    /// Period start.
    public static let intakeFrom = LocalizedText(vi: "Từ ngày", en: "From")
    /// Period end.
    public static let intakeTo = LocalizedText(vi: "Đến ngày", en: "To")
    /// Show button.
    public static let intakeShow = LocalizedText(vi: "Xem", en: "Show")
    /// Deadline: same day.
    public static let intakeSameDay = LocalizedText(vi: "Trong ngày", en: "Same day")
    /// Deadline unit.
    public static let intakeWorkingDaysUnit = LocalizedText(vi: "ngày làm việc", en: "working days")
    /// Deadline unit.
    public static let intakeDaysUnit = LocalizedText(vi: "ngày", en: "days")
    /// Deadline unit.
    public static let intakeHoursUnit = LocalizedText(vi: "giờ làm việc", en: "working hours")
    /// Deadline unit.
    public static let intakeMonthsUnit = LocalizedText(vi: "tháng", en: "months")
    /// Before the cut-off time.
    public static let intakeAfterCutoff = LocalizedText(vi: "nhận sau", en: "received after")
    /// After the cut-off.
    public static let intakeNextDay = LocalizedText(vi: "trả ngày làm việc tiếp theo", en: "due the next working day")
    /// Status.
    public static let intakeStatusReceived = LocalizedText(vi: "Đã tiếp nhận", en: "Received")
    /// Status.
    public static let intakeStatusInProcess = LocalizedText(vi: "Đang giải quyết", en: "In process")
    /// Status.
    public static let intakeStatusSupplementRequested = LocalizedText(vi: "Chờ bổ sung", en: "Supplement requested")
    /// Status.
    public static let intakeStatusSupplemented = LocalizedText(vi: "Đã bổ sung", en: "Supplemented")
    /// Status.
    public static let intakeStatusDone = LocalizedText(vi: "Đã có kết quả", en: "Result ready")
    /// Status.
    public static let intakeStatusReturned = LocalizedText(vi: "Đã trả kết quả", en: "Returned")
    /// Status.
    public static let intakeStatusRefused = LocalizedText(vi: "Từ chối giải quyết", en: "Refused")
    /// Status.
    public static let intakeStatusStopped = LocalizedText(vi: "Dừng giải quyết", en: "Stopped")
    /// Action.
    public static let intakeActionInProcess = LocalizedText(vi: "Chuyển xử lý", en: "Start processing")
    /// Action.
    public static let intakeActionSupplementRequested = LocalizedText(vi: "Yêu cầu bổ sung (mẫu 02)", en: "Request a supplement (form 02)")
    /// Action.
    public static let intakeActionSupplemented = LocalizedText(vi: "Công dân đã bổ sung", en: "Citizen supplemented")
    /// Action.
    public static let intakeActionDone = LocalizedText(vi: "Có kết quả", en: "Result ready")
    /// Action.
    public static let intakeActionReturned = LocalizedText(vi: "Trả kết quả", en: "Return the result")
    /// Action.
    public static let intakeActionRefused = LocalizedText(vi: "Từ chối (mẫu 03)", en: "Refuse (form 03)")
    /// Action.
    public static let intakeActionStopped = LocalizedText(vi: "Dừng giải quyết (mẫu 05)", en: "Stop (form 05)")
    /// National motto, line 1.
    public static let intakeMotto1 = LocalizedText(vi: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", en: "SOCIALIST REPUBLIC OF VIETNAM")
    /// National motto, line 2.
    public static let intakeMotto2 = LocalizedText(vi: "Độc lập - Tự do - Hạnh phúc", en: "Independence - Freedom - Happiness")
    /// Before the form number.
    public static let intakeFormNumber = LocalizedText(vi: "Mẫu số", en: "Form")
    /// Before a document number.
    public static let intakeNumber = LocalizedText(vi: "Số", en: "No.")
    /// Date line: day.
    public static let intakeDatedAt = LocalizedText(vi: "ngày", en: "day")
    /// Date line: month.
    public static let intakeMonthWord = LocalizedText(vi: "tháng", en: "month")
    /// Date line: year.
    public static let intakeYearWord = LocalizedText(vi: "năm", en: "year")
    /// Form 01 title.
    public static let intakeForm01 = LocalizedText(vi: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", en: "RECEIPT AND APPOINTMENT SLIP")
    /// Form 02 title.
    public static let intakeForm02 = LocalizedText(vi: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", en: "REQUEST TO SUPPLEMENT THE DOSSIER")
    /// Form 03 title.
    public static let intakeForm03 = LocalizedText(vi: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", en: "REFUSAL TO PROCESS THE DOSSIER")
    /// Form 04 title.
    public static let intakeForm04 = LocalizedText(vi: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
                                                   en: "APOLOGY AND REQUEST TO EXTEND THE PROCESSING TIME")
    /// Form 05 title.
    public static let intakeForm05 = LocalizedText(vi: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", en: "NOTICE OF STOPPING THE DOSSIER")
    /// Form 06 title.
    public static let intakeForm06 = LocalizedText(vi: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", en: "DOSSIER PROCESSING CONTROL SHEET")
    /// Form 07 title.
    public static let intakeForm07 = LocalizedText(vi: "SỔ THEO DÕI HỒ SƠ", en: "DOSSIER REGISTER")
    /// Form 01: the centre received … of.
    public static let intakeForm01Receiving = LocalizedText(vi: "tiếp nhận hồ sơ của", en: "received the dossier of")
    /// Form line.
    public static let intakeCitizenID = LocalizedText(vi: "Số định danh cá nhân", en: "Personal ID number")
    /// Form line.
    public static let intakePhoneNumber = LocalizedText(vi: "Số điện thoại", en: "Phone")
    /// Form line.
    public static let intakeEmailAddress = LocalizedText(vi: "Thư điện tử", en: "Email")
    /// Form line.
    public static let intakeResidence = LocalizedText(vi: "Địa chỉ", en: "Address")
    /// Form line: the procedure.
    public static let intakeContent = LocalizedText(vi: "Nội dung yêu cầu giải quyết", en: "Request")
    /// Form line.
    public static let intakeDocumentCount = LocalizedText(vi: "Số lượng hồ sơ", en: "Number of dossiers")
    /// One set.
    public static let intakeOneSet = LocalizedText(vi: "01 (bộ)", en: "1 (set)")
    /// Form 01 line.
    public static let intakeResultAt = LocalizedText(vi: "Thời gian giải quyết hồ sơ theo quy định", en: "Legal processing time")
    /// Form 01 line.
    public static let intakeReturnAt = LocalizedText(vi: "Thời gian nhận hồ sơ", en: "Time received")
    /// Form 01 line.
    public static let intakeReturnPlace = LocalizedText(vi: "Nhận kết quả tại", en: "Collect the result at")
    /// Form 01 line.
    public static let intakeRegisterReturn = LocalizedText(vi: "Vào Sổ theo dõi hồ sơ, Quyển số", en: "Entered in the register, book")
    /// Signature block.
    public static let intakeReceiver = LocalizedText(vi: "NGƯỜI NỘP HỒ SƠ", en: "APPLICANT")
    /// Signature block.
    public static let intakeClerkSigner = LocalizedText(vi: "NGƯỜI TIẾP NHẬN HỒ SƠ", en: "RECEIVING OFFICER")
    /// Under a signature block.
    public static let intakeSignName = LocalizedText(vi: "(Ký và ghi rõ họ tên)", en: "(Signature and full name)")
    /// Beside the QR.
    public static let intakeQrNote = LocalizedText(vi: "Quét mã để tra cứu tình trạng hồ sơ", en: "Scan to look up the dossier")
    /// Form 02 body.
    public static let intakeForm02Body = LocalizedText(vi: "Sau khi xem xét hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", en: "Having examined the dossier, please supplement it with:")
    /// Form 02 closing.
    public static let intakeForm02Close = LocalizedText(vi: "Lý do: hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định. Thời gian bổ sung không tính vào thời hạn giải quyết. Xin trân trọng cảm ơn!", en: "Reason: the dossier is incomplete. The time to supplement is not counted in the processing time. Thank you.")
    /// Form 03 body.
    public static let intakeForm03Body = LocalizedText(vi: "Qua xem xét, cơ quan tiếp nhận thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:", en: "Having examined it, the centre cannot accept or process this dossier, for this reason:")
    /// Form 03 closing.
    public static let intakeForm03Close = LocalizedText(vi: "Xin thông báo để Ông/Bà được biết và thực hiện.", en: "We inform you accordingly.")
    /// Form 04 body.
    public static let intakeForm04Body = LocalizedText(vi: "Ngày nhận hồ sơ và ngày hẹn trả kết quả ban đầu như sau. Tuy nhiên đến nay cơ quan giải quyết chưa trả kết quả đúng hạn với lý do:", en: "The dossier's receipt and original appointment dates are below. The result could not be returned on time, for this reason:")
    /// Form 04 apology.
    public static let intakeForm04Sorry = LocalizedText(vi: "Cơ quan xin lỗi Ông/Bà vì sự chậm trễ này và hẹn lại thời gian trả kết quả vào", en: "We apologise for the delay and set the new appointment date to")
    /// Form 04 closing.
    public static let intakeForm04Close = LocalizedText(vi: "Cơ quan tiếp nhận và trả kết quả xin trân trọng cảm ơn sự hợp tác của Ông/Bà.", en: "Thank you for your understanding.")
    /// Form 05 body.
    public static let intakeForm05Body = LocalizedText(vi: "Cơ quan có thẩm quyền thông báo dừng giải quyết hồ sơ của Ông/Bà với lý do:", en: "The competent authority stops processing your dossier, for this reason:")
    /// Signature block.
    public static let intakeHead = LocalizedText(vi: "THỦ TRƯỞNG CƠ QUAN", en: "HEAD OF THE AGENCY")
    /// Form 06 column.
    public static let intakeForm06Handover = LocalizedText(vi: "Bàn giao hồ sơ", en: "Handover")
    /// Form 06 column.
    public static let intakeForm06Giver = LocalizedText(vi: "Người giao", en: "Handed by")
    /// Form 06 column.
    public static let intakeForm06Taker = LocalizedText(vi: "Người nhận", en: "Received by")
    /// Form 06 column.
    public static let intakeForm06Result = LocalizedText(vi: "Kết quả", en: "Result")
    /// Column: row number.
    public static let intakeIndex = LocalizedText(vi: "STT", en: "No.")
    /// Salutation line.
    public static let intakeRecipientTo = LocalizedText(vi: "Kính gửi", en: "To")
    /// Unknown form number.
    public static let intakeUnknownForm = LocalizedText(vi: "Không có mẫu phiếu này. Các mẫu: 01–06 cho từng hồ sơ, 07 là sổ theo dõi.", en: "No such form. Forms 01–06 belong to a dossier; 07 is the register.")
    /// The print button.
    public static let intakePrint = LocalizedText(vi: "In", en: "Print")
    /// Before a date.
    public static let intakePlaceDate = LocalizedText(vi: "Ngày", en: "Date")
    /// Register column.
    public static let intakeResultReturned = LocalizedText(vi: "Trả kết quả", en: "Returned")

    /// The postal panel's heading.
    public static let intakePostalHeading = LocalizedText(vi: "Dịch vụ bưu chính công ích", en: "Public postal service")
    /// The postal fee.
    public static let intakePostalFee = LocalizedText(vi: "Cước bưu chính", en: "Postal fee")
    /// The postal service field.
    public static let intakePostalService = LocalizedText(vi: "Dịch vụ", en: "Service")
    /// Postal service.
    public static let intakePostalSendDossier = LocalizedText(vi: "Gửi hồ sơ qua bưu chính", en: "Dossier sent by post")
    /// Postal service.
    public static let intakePostalReturnResult = LocalizedText(vi: "Nhận kết quả qua bưu chính", en: "Result returned by post")
    /// Postal service.
    public static let intakePostalBoth = LocalizedText(vi: "Gửi hồ sơ và nhận kết quả qua bưu chính", en: "Dossier and result by post")
    /// The recipient.
    public static let intakePostalRecipient = LocalizedText(vi: "Người nhận", en: "Recipient")
    /// The commune.
    public static let intakePostalCommune = LocalizedText(vi: "Xã, phường", en: "Commune or ward")
    /// The province.
    public static let intakePostalProvince = LocalizedText(vi: "Tỉnh, thành phố", en: "Province")
    /// The inbound receipt.
    public static let intakePostalInbound = LocalizedText(vi: "Số biên nhận bưu chính của hồ sơ gửi đến", en: "Post's receipt number for the dossier")
    /// The tracking number.
    public static let intakePostalTracking = LocalizedText(vi: "Số vận đơn", en: "Tracking number")
    /// The register button.
    public static let intakePostalRegister = LocalizedText(vi: "Đăng ký bưu chính", en: "Register for post")
    /// The dispatch button.
    public static let intakePostalDispatch = LocalizedText(vi: "Đã giao kết quả cho bưu điện", en: "Handed to the post")
    /// The delivery ID field.
    public static let intakePostalRecipientID = LocalizedText(vi: "Số giấy tờ tùy thân người nhận", en: "Recipient's ID document number")
    /// Postal status.
    public static let intakePostalRegistered = LocalizedText(vi: "Đã đăng ký", en: "Registered")
    /// Postal status.
    public static let intakePostalDispatched = LocalizedText(vi: "Đang chuyển phát", en: "On its way")
    /// Postal status.
    public static let intakePostalDelivered = LocalizedText(vi: "Đã phát", en: "Delivered")

    /// The title of a dossier status.
    public static func intakeStatus(_ status: Dossier.Status) -> LocalizedText {
        switch status {
        case .received: intakeStatusReceived
        case .inProcess: intakeStatusInProcess
        case .supplementRequested: intakeStatusSupplementRequested
        case .supplemented: intakeStatusSupplemented
        case .done: intakeStatusDone
        case .returned: intakeStatusReturned
        case .refused: intakeStatusRefused
        case .stopped: intakeStatusStopped
        }
    }

    /// The button that moves a dossier to a status.
    public static func intakeAction(_ status: Dossier.Status) -> LocalizedText {
        switch status {
        case .received: intakeStatusReceived
        case .inProcess: intakeActionInProcess
        case .supplementRequested: intakeActionSupplementRequested
        case .supplemented: intakeActionSupplemented
        case .done: intakeActionDone
        case .returned: intakeActionReturned
        case .refused: intakeActionRefused
        case .stopped: intakeActionStopped
        }
    }

    /// The title of a verdict.
    public static func intakeVerdict(_ verdict: Dossier.Verdict) -> LocalizedText {
        switch verdict {
        case .early: intakeVerdictEarly
        case .onTime: intakeVerdictOnTime
        case .late: intakeVerdictLate
        }
    }

    /// Form 01: the form a document was handed in as.
    public static let intakeDocForm = LocalizedText(vi: "Hình thức", en: "Form")
    /// Form 01: number of copies.
    public static let intakeDocCopies = LocalizedText(vi: "Số lượng", en: "Copies")
    /// Document form: original.
    public static let intakeDocOriginal = LocalizedText(vi: "Bản chính", en: "Original")
    /// Document form: certified copy.
    public static let intakeDocCopy = LocalizedText(vi: "Bản sao", en: "Certified copy")
    /// Document form: photocopy.
    public static let intakeDocPhotocopy = LocalizedText(vi: "Bản chụp", en: "Photocopy")
    /// Form 01: the register line.
    public static let intakeRegisterBook = LocalizedText(vi: "Vào Sổ theo dõi hồ sơ: Quyển số", en: "Entered in the register: book")
    /// Form 01: the number in the register.
    public static let intakeRegisterOrder = LocalizedText(vi: "Số thứ tự", en: "number")
    /// Form 01: the result goes by post to.
    public static let intakeReturnByPost = LocalizedText(vi: "Qua dịch vụ bưu chính công ích, gửi đến", en: "By public post, to")
    /// Form 02: the officer who guides the citizen.
    public static let intakeGuide = LocalizedText(vi: "Cán bộ hướng dẫn", en: "Guiding officer")
    /// Forms 06 and 07: the agency that processes the dossier.
    public static let intakeAgency = LocalizedText(vi: "Cơ quan giải quyết", en: "Processing agency")
    /// Form 07: the lead agency.
    public static let intakeLeadAgency = LocalizedText(vi: "Cơ quan chủ trì giải quyết", en: "Lead agency")
    /// Form 07: when the dossier went to the processing agency.
    public static let intakeSentOn = LocalizedText(vi: "Ngày chuyển hồ sơ đến cơ quan giải quyết", en: "Sent to the processing agency on")
    /// Forms 06 and 07: signature column.
    public static let intakeSignColumn = LocalizedText(vi: "Ký nhận", en: "Signature")
    /// Form 07: the recipient of the result signs.
    public static let intakeRecipientSign = LocalizedText(vi: "Người nhận kết quả ký", en: "Result recipient's signature")
    /// Form 06: timeliness of a stage.
    public static let intakeStageTime = LocalizedText(vi: "Tiến độ", en: "Timeliness")
    /// An actor that is the software itself.
    public static let intakeSystemActor = LocalizedText(vi: "Hệ thống", en: "System")
    /// A staff member whose account is no longer known.
    public static let intakeUnknownStaff = LocalizedText(vi: "Cán bộ (tài khoản đã xóa)", en: "Staff (account removed)")
    /// A paired device.
    public static let intakeDeviceActor = LocalizedText(vi: "Thiết bị", en: "Device")

    /// Every entry of this file.
    // MARK: The national portal (Docs/Portal.md)

    /// The panel and card title.
    public static let portalTitle = LocalizedText(vi: "Cổng Dịch vụ công quốc gia", en: "National public service portal")
    /// The dossier's state: something still to send.
    public static let portalWaiting = LocalizedText(vi: "Đang chờ gửi lên Cổng", en: "Waiting to be sent")
    /// The dossier's state: everything accepted.
    public static let portalSent = LocalizedText(vi: "Đã đồng bộ lên Cổng", en: "Synchronised")
    /// The dossier's state: a message refused.
    public static let portalRefused = LocalizedText(vi: "Cổng từ chối", en: "Refused by the portal")
    /// Row: the code the portal knows the dossier by.
    public static let portalCode = LocalizedText(vi: "Mã hồ sơ trên Cổng", en: "Code on the portal")
    /// Row: the portal's last answer.
    public static let portalLastAnswer = LocalizedText(vi: "Trả lời gần nhất của Cổng", en: "The portal's last answer")
    /// Before the portal's error code (shown for a failure only).
    public static let portalErrorCode = LocalizedText(vi: "mã lỗi", en: "error code")
    /// The resend button.
    public static let portalResend = LocalizedText(vi: "Gửi lại hồ sơ lên Cổng", en: "Send the dossier again")
    /// Card: entries waiting.
    public static let portalEntriesWaiting = LocalizedText(vi: "Đang chờ gửi", en: "Entries waiting")
    /// Card: the oldest unsent.
    public static let portalOldestUnsent = LocalizedText(vi: "Cũ nhất chưa gửi", en: "Oldest unsent")
    /// Card: the last error.
    public static let portalLastError = LocalizedText(vi: "Lỗi gần nhất", en: "Last error")
    /// Card: the last success.
    public static let portalLastSuccess = LocalizedText(vi: "Gửi được lần cuối", en: "Last success")
    /// Card: messages set aside.
    public static let portalSetAside = LocalizedText(vi: "Bị từ chối, chờ gửi lại", en: "Refused, set aside")
    /// Card: nothing yet.
    public static let portalNone = LocalizedText(vi: "Chưa có", en: "None")
    /// Card: messages the portal accepted.
    public static let portalAccepted = LocalizedText(vi: "Cổng đã nhận", en: "Accepted by the portal")
    /// After the count of messages accepted.
    public static let portalMessages = LocalizedText(vi: "thông điệp", en: "messages")

    static let intake: [LocalizedText] = [
        intakePostalHeading, intakePostalFee, intakePostalService, intakePostalSendDossier, intakePostalReturnResult, intakePostalBoth,
        intakePostalRecipient, intakePostalCommune, intakePostalProvince, intakePostalInbound, intakePostalTracking, intakePostalRegister,
        intakePostalDispatch, intakePostalRecipientID, intakePostalRegistered, intakePostalDispatched, intakePostalDelivered,
        intakeReceptionSummary,
        intakeReceptionPage, intakeReceptionPick, intakeReceptionFromTicket, intakeSector,
        intakeAllSectors, intakeProcedure, intakeProcedureCode, intakeDeadline,
        intakeReceive, intakeFilter, intakeMySectors, intakeSeeAll, intakeAllProcedures, intakeSeeMine, intakeNoSectors,
        intakeFindProcedure, intakeSearchHint, intakeNoMatch, intakeNoProcedures, intakeApplicantSection, intakeChecklist,
        intakeProvided, intakeDigitised, intakeScan, intakeChannel,
        intakeChannelCounter, intakeChannelOnline, intakeChannelPostal, intakeAppointment, intakeCase, intakeCaseChoose, intakeCaseApply,
        intakeAppointmentWhy, intakeOverrideDue, intakeOverrideDate, intakeReason,
        intakeOnTheSpot, intakeDossierCode, intakeApplicant, intakeReceivedAt,
        intakeDueAt, intakeExtendedTo, intakeVerdict, intakeVerdictEarly,
        intakeVerdictOnTime, intakeVerdictLate, intakeHistory, intakeWhen,
        intakeWho, intakeStep, intakeNote, intakeMoveTo,
        intakeExtendHeading, intakeNewDate, intakeAlreadyExtended, intakePrintForms,
        intakeFormValues, intakeNoDocuments, intakeOpenScan, intakeOverduePage,
        intakeOverdueNote, intakeNoOverdue, intakeDueSoon, intakeDueToday,
        intakeLateNow, intakeLookupHeading, intakeLookupNote, intakePhoneDigits,
        intakeSearch, intakeLookupNotFound, intakeWhatToBring, intakeDateChanged, intakeDateMovedReason, intakeCatalogueHeading,
        intakeFees, intakeFree, intakeDocumentsNeeded, intakeOverdueLink,
        intakeRegisterLink, intakeExportCSV, intakeFrom, intakeTo,
        intakeShow, intakeSameDay, intakeWorkingDaysUnit, intakeDaysUnit,
        intakeHoursUnit, intakeMonthsUnit, intakeAfterCutoff, intakeNextDay,
        intakeStatusReceived, intakeStatusInProcess, intakeStatusSupplementRequested, intakeStatusSupplemented,
        intakeStatusDone, intakeStatusReturned, intakeStatusRefused, intakeStatusStopped,
        intakeActionInProcess, intakeActionSupplementRequested, intakeActionSupplemented, intakeActionDone,
        intakeActionReturned, intakeActionRefused, intakeActionStopped, intakeMotto1,
        intakeMotto2, intakeFormNumber, intakeNumber, intakeDatedAt,
        intakeMonthWord, intakeYearWord, intakeForm01, intakeForm02,
        intakeForm03, intakeForm04, intakeForm05, intakeForm06,
        intakeForm07, intakeForm01Receiving, intakeCitizenID, intakePhoneNumber,
        intakeEmailAddress, intakeResidence, intakeContent, intakeDocumentCount,
        intakeOneSet, intakeResultAt, intakeReturnAt, intakeReturnPlace,
        intakeRegisterReturn, intakeReceiver, intakeClerkSigner, intakeSignName,
        intakeQrNote, intakeForm02Body, intakeForm02Close, intakeForm03Body,
        intakeForm03Close, intakeForm04Body, intakeForm04Sorry, intakeForm04Close,
        intakeForm05Body, intakeHead, intakeForm06Handover, intakeForm06Giver,
        intakeForm06Taker, intakeForm06Result, intakeIndex, intakeRecipientTo,
        intakeDocForm, intakeDocCopies, intakeDocOriginal, intakeDocCopy, intakeDocPhotocopy, intakeRegisterBook, intakeRegisterOrder,
        intakeReturnByPost, intakeGuide, intakeAgency, intakeLeadAgency, intakeSentOn, intakeSignColumn, intakeRecipientSign,
        intakeStageTime, intakeSystemActor, intakeUnknownStaff, intakeDeviceActor,
        intakeUnknownForm, intakePrint, intakePlaceDate, intakeResultReturned,
        portalTitle, portalWaiting, portalSent, portalRefused, portalCode, portalLastAnswer, portalErrorCode, portalResend,
        portalEntriesWaiting, portalOldestUnsent, portalLastError, portalLastSuccess, portalSetAside, portalNone, portalAccepted, portalMessages,
    ]
}
